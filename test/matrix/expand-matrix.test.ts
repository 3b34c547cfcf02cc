import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expandMatrix } from "../../src/matrix/expand-matrix.ts";
import { MatrixSchema } from "../../src/matrix/schema.ts";

const valid = MatrixSchema.parse(
  JSON.parse(
    readFileSync(path.join(import.meta.dirname, "..", "fixtures", "matrix", "valid.json"), "utf8"),
  ),
);

describe("expandMatrix", () => {
  it("gives the same ordered jobs with stable ids every time", () => {
    const first = expandMatrix(valid);
    const second = expandMatrix(structuredClone(valid));
    expect(first.problems).toEqual([]);
    expect(first.jobs).toEqual(second.jobs);
    expect(first.jobs.map((j) => j.id)).toEqual([
      "base/us-east-1/hvm",
      "base/us-east-1/pv",
      "base/eu-west-1/hvm",
      "spark/us-east-1/hvm",
      "spark/us-east-1/pv",
      "spark/eu-west-1/hvm",
      "spark/eu-west-1/pv",
    ]);
  });

  it("resolves settings from least to most specific", () => {
    const byId = new Map(expandMatrix(valid).jobs.map((j) => [j.id, j]));
    const sparkUsHvm = byId.get("spark/us-east-1/hvm");
    expect(sparkUsHvm?.instanceType).toBe("m5.xlarge"); // include wins over virtualization
    expect(byId.get("spark/eu-west-1/hvm")?.instanceType).toBe("m5.large");
    expect(byId.get("spark/eu-west-1/pv")?.amiUsers).toEqual(["123456789012"]); // region setting
    expect(byId.get("base/us-east-1/pv")?.sourceAmi).toEqual({
      owners: ["amazon"],
      name: "amzn-ami-pv-*",
      architecture: "x86_64",
      virtualizationType: "paravirtual",
      rootDeviceType: "ebs",
      includeDeprecated: false,
    });
    expect(sparkUsHvm?.amiName).toBe("spark-3.5.3-hvm");
    expect(sparkUsHvm?.amiListFile).toBe("spark/us-east-1/hvm");
    expect(sparkUsHvm?.scripts).toEqual(["scripts/base.sh", "scripts/spark.sh"]);
  });

  it("lets a project choose a flat layout per image or pvm as the PV file name", () => {
    const flat = expandMatrix({
      ...valid,
      defaults: { amiListPath: "{{image}}-{{region}}/{{virtualization}}" },
      virtualization: {
        ...valid.virtualization,
        pv: { ...valid.virtualization?.pv, amiListPath: "{{image}}-{{region}}/pvm" },
      },
    });
    expect(flat.problems).toEqual([]);
    expect(flat.jobs.map((j) => j.amiListFile)).toContain("spark-eu-west-1/pvm");
  });

  it("refuses a path pattern that leaves the AMI list folder", () => {
    const result = expandMatrix({
      ...valid,
      defaults: { amiListPath: "../{{image}}/{{region}}/{{virtualization}}" },
    });
    expect(result.problems[0]).toContain('contains ".." and would escape the AMI list folder');
  });

  // The writer refuses these; a plan that accepted them would build every AMI and then write nothing.
  it.each([
    [".hidden/{{image}}/{{region}}/{{virtualization}}", "a segment starts with '.'"],
    ["a\\b/{{image}}/{{region}}/{{virtualization}}", 'it contains "\\"'],
  ])("refuses %s at plan time, as the AMI list writer would", (pattern, reason) => {
    const result = expandMatrix({ ...valid, defaults: { amiListPath: pattern } });
    expect(result.jobs).toEqual([]);
    expect(result.problems).toHaveLength(7); // one per cell, each naming its path
    for (const problem of result.problems) expect(problem).toContain(reason);
  });
});
