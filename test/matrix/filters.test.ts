import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { applyFilters, parseFilters } from "../../src/matrix/filters.ts";
import type { Matrix } from "../../src/matrix/schema.ts";
import type { Job } from "../../src/model/job.ts";

const matrix: Matrix = {
  axes: {
    image: ["base", "spark"],
    virtualization: ["hvm", "pv"],
    region: ["us-east-1", "eu-west-1"],
  },
};
const jobs = matrix.axes.image.flatMap((image) =>
  matrix.axes.region.flatMap((region) =>
    matrix.axes.virtualization.map(
      (virtualization) =>
        ({ id: `${image}/${region}/${virtualization}`, image, region, virtualization }) as Job,
    ),
  ),
);

describe("filters", () => {
  it("keeps only the named values, across repeated flags", () => {
    const filters = parseFilters({
      only: ["region=us-east-1", "image=spark,base"],
      exclude: ["virtualization=pv"],
      jobs,
    });
    expect(applyFilters(jobs, filters).map((j) => j.id)).toEqual([
      "base/us-east-1/hvm",
      "spark/us-east-1/hvm",
    ]);
  });

  it("rejects an unknown axis, listing the axes", () => {
    expect(() => parseFilters({ only: ["zone=a"], exclude: [], jobs })).toThrow(
      /unknown axis "zone"; axes: image, virtualization, region/,
    );
  });

  it("rejects an unknown value, listing the valid ones", () => {
    const error = (() => {
      try {
        parseFilters({ only: [], exclude: ["region=us-west-9"], jobs });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as Error).message).toContain(
      '"us-west-9" not in the matrix\'s region axis; values: us-east-1, eu-west-1',
    );
  });

  it("rejects a filter without a value", () => {
    expect(() => parseFilters({ only: ["region"], exclude: [], jobs })).toThrow(
      /expected AXIS=VALUE\[,VALUE...\] or job ids IMAGE\/REGION\/VIRTUALIZATION/,
    );
  });

  it("takes job ids and globs, the way Packer users write -only", () => {
    const pick = (only: string[], exclude: string[] = []) =>
      applyFilters(jobs, parseFilters({ only, exclude, jobs })).map((j) => j.id);
    expect(pick(["spark/us-*/hvm"])).toEqual(["spark/us-east-1/hvm"]);
    expect(pick(["base/eu-west-1/pv,spark/us-east-1/hvm"])).toEqual([
      "base/eu-west-1/pv",
      "spark/us-east-1/hvm",
    ]);
    expect(pick(["*/*/pv"], ["base/*/*"])).toEqual(["spark/us-east-1/pv", "spark/eu-west-1/pv"]);
    expect(pick(["region=eu-*"], ["virtualization=pv"])).toEqual([
      "base/eu-west-1/hvm",
      "spark/eu-west-1/hvm",
    ]);
  });

  it("adds up selectors of one kind and narrows by the others", () => {
    const pick = (only: string[]) =>
      applyFilters(jobs, parseFilters({ only, exclude: [], jobs })).map((j) => j.id);
    expect(
      pick(["region=us-east-1", "region=eu-west-1", "image=base", "virtualization=hvm"]),
    ).toEqual(["base/us-east-1/hvm", "base/eu-west-1/hvm"]);
    expect(pick(["*/us-east-1/*", "image=spark"])).toEqual([
      "spark/us-east-1/hvm",
      "spark/us-east-1/pv",
    ]);
  });

  it("refuses a job id or glob that matches no cell, saying what ids look like", () => {
    expect(() => parseFilters({ only: ["spark/us-west-*/hvm"], exclude: [], jobs })).toThrow(
      '"spark/us-west-*/hvm" matches no job of the matrix; job ids are IMAGE/REGION/VIRTUALIZATION, e.g. base/us-east-1/hvm',
    );
    expect(() => parseFilters({ only: ["spark/hvm"], exclude: [], jobs })).toThrow(
      /expected AXIS=VALUE/,
    );
  });
});
