import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import { loadMatrix } from "../../src/matrix/load-matrix.ts";

const fixtures = path.join(import.meta.dirname, "..", "fixtures", "matrix");

async function problemsOf(name: string): Promise<{ message: string; problems: readonly string[] }> {
  const error = await loadMatrix({
    file: path.join(fixtures, name),
    displayName: `matrix/${name}`,
  }).catch((e) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return { message: (error as ConfigError).message, problems: (error as ConfigError).problems };
}

describe("loadMatrix", () => {
  it("accepts the valid fixture and expands it", async () => {
    const loaded = await loadMatrix({
      file: path.join(fixtures, "valid.json"),
      displayName: "valid.json",
    });
    expect(loaded.jobs).toHaveLength(7);
  });

  it("accepts the shipped Spark matrix: 32 cells in 8 regions", async () => {
    const file = path.join(import.meta.dirname, "..", "..", "matrix", "spark.json");
    const loaded = await loadMatrix({ file, displayName: "matrix/spark.json" });
    expect(loaded.jobs).toHaveLength(32);
    expect(new Set(loaded.jobs.map((j) => j.region)).size).toBe(8);
  });

  it.each([
    [
      "invalid-unknown-region.json",
      ["axes.region[2]", '"us-east-9" is not an AWS region', "allowed:", "us-east-1"],
    ],
    ["invalid-duplicate-value.json", ["axes.image[2]", '"base" is listed twice']],
    ["invalid-empty-axis.json", ["axes.region", "is empty"]],
    [
      "invalid-unknown-virtualization.json",
      ["axes.virtualization[2]", '"paravirtual"', "allowed: hvm, pv"],
    ],
    [
      "invalid-include-matches-nothing.json",
      ["include[1]", "image=spark, region=ap-south-1", "matches no cell"],
    ],
    [
      "invalid-exclude-matches-nothing.json",
      ["exclude[1]", "virtualization=pv, region=sa-east-1", "matches no cell"],
    ],
    [
      "invalid-path-collision.json",
      ["amiListPath", "base/us-east-1/hvm, spark/us-east-1/hvm", '"us-east-1/hvm"'],
    ],
    ["invalid-wrong-type.json", ["axes.region", "expected array", '(got "us-east-1")']],
    ["invalid-unknown-key.json", ["virtualization.hvm", "instanceTyp"]],
    [
      "invalid-missing-variable.json",
      ["cells base/us-east-1/hvm, base/us-east-1/pv", "{{variables.os_version}}", "not defined"],
    ],
    ["invalid-missing-setting.json", ["cell base/us-east-1/pv", "no instanceType"]],
    ["invalid-syntax.json", ["not valid JSON at line 3, column 22: trailing comma before `}`"]],
  ])("reports %s naming the field, the value and what is allowed", async (name, fragments) => {
    const { message } = await problemsOf(name);
    expect(message).toContain(`matrix/${name}`);
    for (const fragment of fragments) expect(message).toContain(fragment);
  });

  it("reports every problem of a file at once", async () => {
    const { problems } = await problemsOf("invalid-several-problems.json");
    expect(problems.some((p) => p.includes('"mars-1" is not an AWS region'))).toBe(true);
    expect(problems.some((p) => p.includes('"base" is listed twice'))).toBe(true);
    expect(problems.some((p) => p.includes("exclude[1]"))).toBe(true);
  });

  it("names the file when it cannot be read", async () => {
    const error = await loadMatrix({
      file: path.join(fixtures, "nope.json"),
      displayName: "nope.json",
    }).catch((e) => e);
    expect(error.message).toContain("nope.json");
    expect(error.message).toContain("ENOENT");
  });
});
