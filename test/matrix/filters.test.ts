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
      matrix,
    });
    expect(applyFilters(jobs, filters).map((j) => j.id)).toEqual([
      "base/us-east-1/hvm",
      "spark/us-east-1/hvm",
    ]);
  });

  it("rejects an unknown axis, listing the axes", () => {
    expect(() => parseFilters({ only: ["zone=a"], exclude: [], matrix })).toThrow(
      /unknown axis "zone"; axes: image, virtualization, region/,
    );
  });

  it("rejects an unknown value, listing the valid ones", () => {
    const error = (() => {
      try {
        parseFilters({ only: [], exclude: ["region=us-west-9"], matrix });
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
    expect(() => parseFilters({ only: ["region"], exclude: [], matrix })).toThrow(
      /expected AXIS=VALUE/,
    );
  });
});
