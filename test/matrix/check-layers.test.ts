// Images built on other images, and the copy strategy's home region, as the matrix declares them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expandMatrix } from "../../src/matrix/expand-matrix.ts";
import { type Matrix, MatrixSchema } from "../../src/matrix/schema.ts";

const valid = MatrixSchema.parse(
  JSON.parse(
    readFileSync(path.join(import.meta.dirname, "..", "fixtures", "matrix", "valid.json"), "utf8"),
  ),
);
const sparkOnBase = (matrix: Matrix): Matrix => ({
  ...matrix,
  image: { ...matrix.image, spark: { ...matrix.image?.spark, from: "base" } },
});

describe("images built on another", () => {
  it("builds each layered cell on the base cell of its region and virtualization", () => {
    const { jobs, problems } = expandMatrix(sparkOnBase({ ...valid, exclude: [] }));
    expect(problems).toEqual([]);
    const spark = jobs.find((j) => j.id === "spark/eu-west-1/pv");
    expect(spark?.from).toBe("base/eu-west-1/pv");
    expect(jobs.find((j) => j.id === "base/eu-west-1/pv")?.from).toBeUndefined();
  });

  it("refuses a layered cell whose base cell the matrix leaves out", () => {
    const { problems } = expandMatrix(sparkOnBase(valid));
    expect(problems).toEqual([
      "cell spark/eu-west-1/pv: builds on base/eu-west-1/pv, which the matrix does not have (excluded?); include that cell or leave this one out",
    ]);
  });

  it("refuses an unknown base, the image itself, and a loop", () => {
    const on = (from: Record<string, string>) =>
      expandMatrix({
        ...valid,
        exclude: [],
        image: Object.fromEntries(
          Object.entries(valid.image ?? {}).map(([name, s]) => [name, { ...s, from: from[name] }]),
        ),
      }).problems;
    expect(on({ spark: "bsae" })[0]).toContain('from "bsae" is not an image of axes.image');
    expect(on({ spark: "spark" })[0]).toContain('from "spark" names the image itself');
    expect(on({ spark: "base", base: "spark" })).toContain(
      "image.spark: from makes a loop: spark → base → spark",
    );
  });
});

describe("the copy strategy", () => {
  it("builds in the first region by default, or the home region the matrix names", () => {
    expect(expandMatrix({ ...valid, strategy: "copy" }).jobs[0]).toMatchObject({
      strategy: "copy",
      homeRegion: "us-east-1",
    });
    const home = expandMatrix({ ...valid, strategy: "copy", homeRegion: "eu-west-1" });
    expect(home.jobs.every((j) => j.homeRegion === "eu-west-1")).toBe(true);
    expect(expandMatrix({ ...valid, homeRegion: "eu-central-1" }).problems).toContain(
      'homeRegion: "eu-central-1" is not a region of axes.region; listed: us-east-1, eu-west-1',
    );
  });
});

describe("what a selected cell needs", () => {
  it("brings in a layered cell's base and a copy's home build, saying why", async () => {
    const { withDependencies } = await import("../../src/matrix/cell-dependencies.ts");
    const layered = expandMatrix(sparkOnBase({ ...valid, exclude: [] })).jobs;
    const spark = layered.filter((j) => j.id === "spark/eu-west-1/pv");
    const { jobs, added } = withDependencies(spark, layered);
    expect(jobs.map((j) => j.id)).toEqual(["base/eu-west-1/pv", "spark/eu-west-1/pv"]);
    expect(added).toEqual(new Map([["base/eu-west-1/pv", "spark/eu-west-1/pv"]]));

    const copied = expandMatrix({ ...valid, exclude: [], strategy: "copy" }).jobs;
    const euCopy = copied.filter((j) => j.id === "base/eu-west-1/hvm");
    expect(withDependencies(euCopy, copied).jobs.map((j) => j.id)).toEqual([
      "base/us-east-1/hvm",
      "base/eu-west-1/hvm",
    ]);
  });
});
