import { describe, expect, it } from "vitest";
import { spentLine } from "../../src/report/spent-line.ts";
import { makeOutcome } from "./make-outcome.ts";

describe("spentLine", () => {
  it("counts a launch per Packer attempt, a copy per copied cell, and nothing for unchanged cells", () => {
    const copy = makeOutcome({ region: "eu-west-1", durationMs: 600_000 });
    copy.job.strategy = "copy";
    copy.job.homeRegion = "us-east-1";
    const retried = makeOutcome({ region: "us-east-1", attempts: 2, durationMs: 3_600_000 });
    retried.job.instanceType = "m5.large";
    const outcomes = [
      retried,
      makeOutcome({ region: "us-west-2", status: "unchanged", attempts: 0, durationMs: 0 }),
      copy,
      makeOutcome({ region: "sa-east-1", status: "skipped", attempts: 0, durationMs: 0 }),
    ];
    expect(spentLine(outcomes)).toMatch(
      /^Spent: 2 instance launches, 1 copy; 1\.0 build instance-hours, about \$0\.10 on demand \(prices as of \d{4}-\d\d-\d\d\)$/,
    );
  });

  it("a rehearsal says nothing was billed", () => {
    expect(spentLine([makeOutcome()], { rehearsal: true })).toBe(
      "Spent: 1 instance launch, 0 copies; 0.0 build instance-hours, a rehearsal: nothing billed",
    );
  });

  it("a run that kept every cell spent nothing", () => {
    const kept = [makeOutcome({ status: "unchanged", attempts: 0, durationMs: 0 })];
    expect(spentLine(kept)).toMatch(
      /^Spent: 0 instance launches, 0 copies; 0\.0 build instance-hours, about \$0\.00/,
    );
  });
});
