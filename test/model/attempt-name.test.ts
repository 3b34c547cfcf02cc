import { describe, expect, it } from "vitest";
import { attemptAmiName, parseAttemptName } from "../../src/model/attempt-name.ts";
import { newRunId } from "../../src/model/run-id.ts";

describe("attempt names", () => {
  it("gives each attempt of a run an AMI name of its own", () => {
    const runId = newRunId(new Date("2026-11-22T21:47:31.123Z"), "e4c2");
    expect(attemptAmiName({ amiName: "spark-3.5.3-hadoop3-hvm", runId }, 2)).toBe(
      "spark-3.5.3-hadoop3-hvm-20261122T214731Z-e4c2-a2",
    );
  });

  it("reads the run and attempt back from every name the build gives, so sweep knows whose it is", () => {
    const runId = newRunId(new Date("2026-11-22T21:47:31.123Z"), "e4c2");
    for (const amiName of ["spark-3.5.3-hadoop3-hvm", "base-pv", "a-b-c"])
      for (const attempt of [1, 2, 12])
        expect(parseAttemptName(attemptAmiName({ amiName, runId }, attempt))).toEqual({
          runId,
          attempt,
        });
    expect(
      parseAttemptName(attemptAmiName({ amiName: "base-pv", runId: newRunId() }, 1)),
    ).toMatchObject({ attempt: 1 });
  });

  it("recognises no other name", () => {
    for (const other of ["base-pv", "base-pv-20261122T214731Z-e4c2", "x-20261122T214731Z-E4C2-a1"])
      expect(parseAttemptName(other)).toBeUndefined();
  });
});
