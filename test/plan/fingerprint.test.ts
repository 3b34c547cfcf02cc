import { describe, expect, it } from "vitest";
import {
  changedInputs,
  type FingerprintInputs,
  fingerprintOf,
  variablesDigest,
} from "../../src/plan/fingerprint.ts";

const inputs: FingerprintInputs = {
  template: "t1",
  files: { "scripts/base.sh": "b1", "scripts/spark.sh": "s1" },
  source: "ami-0123456789abcdef0",
  variables: variablesDigest({ spark_version: "3.5.3" }),
  strategy: "build",
};

describe("fingerprints", () => {
  it("are the same for the same inputs, whatever the order of keys", () => {
    const reordered: FingerprintInputs = {
      strategy: "build",
      variables: variablesDigest({ spark_version: "3.5.3" }),
      source: "ami-0123456789abcdef0",
      files: { "scripts/spark.sh": "s1", "scripts/base.sh": "b1" },
      template: "t1",
    };
    expect(fingerprintOf(reordered)).toBe(fingerprintOf(inputs));
    expect(fingerprintOf(inputs)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("change with every input, and say which changed", () => {
    const variants: [Partial<FingerprintInputs>, string[]][] = [
      [{ template: "t2" }, ["template"]],
      [{ files: { ...inputs.files, "scripts/spark.sh": "s2" } }, ["scripts/spark.sh"]],
      [{ source: "ami-0fedcba9876543210" }, ["source AMI"]],
      [{ variables: variablesDigest({ spark_version: "3.5.4" }) }, ["variables"]],
      [{ strategy: "copy" }, ["strategy"]],
      [{ base: "f00" }, ["base image"]],
    ];
    for (const [change, named] of variants) {
      const next = { ...inputs, ...change };
      expect(fingerprintOf(next)).not.toBe(fingerprintOf(inputs));
      expect(changedInputs(inputs, next)).toEqual(named);
    }
  });
});
