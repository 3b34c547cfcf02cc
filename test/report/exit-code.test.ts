import { describe, expect, it } from "vitest";
import { exitCodeFor } from "../../src/report/exit-code.ts";
import { makeOutcome } from "./make-outcome.ts";

const succeeded = makeOutcome();
const skipped = makeOutcome({ region: "eu-west-1", status: "skipped" });
const failed = makeOutcome({ region: "eu-west-2", status: "failed", error: "boom" });
const interrupted = makeOutcome({ region: "eu-west-3", status: "interrupted" });

describe("exitCodeFor", () => {
  it("is 0 when every job succeeded or was skipped", () => {
    expect(exitCodeFor([succeeded, skipped], { interrupted: false })).toBe(0);
    expect(exitCodeFor([skipped], { interrupted: false })).toBe(0);
    expect(exitCodeFor([], { interrupted: false })).toBe(0);
  });

  it("is 1 when any job failed", () => {
    expect(exitCodeFor([succeeded, failed, skipped], { interrupted: false })).toBe(1);
  });

  it("is 130 when the run was interrupted, even if jobs also failed", () => {
    expect(exitCodeFor([succeeded, failed], { interrupted: true })).toBe(130);
    expect(exitCodeFor([], { interrupted: true })).toBe(130);
  });

  it("is 130 when a job reports it was interrupted", () => {
    expect(exitCodeFor([succeeded, failed, interrupted], { interrupted: false })).toBe(130);
  });
});
