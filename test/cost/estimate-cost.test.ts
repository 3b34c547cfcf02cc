import { describe, expect, it } from "vitest";
import { estimateCost, formatUsd } from "../../src/cost/estimate-cost.ts";

const hour = 3_600_000;

describe("cost estimate", () => {
  it("prices builds by instance time and region, copies by transfer, and snapshots by month", () => {
    const estimate = estimateCost([
      {
        id: "a/us-east-1/hvm",
        kind: "build",
        region: "us-east-1",
        instanceType: "m5.large",
        expectedMs: hour / 2,
        volumeGb: 8,
      },
      {
        id: "a/sa-east-1/hvm",
        kind: "build",
        region: "sa-east-1",
        instanceType: "m5.large",
        expectedMs: hour,
        volumeGb: 8,
      },
      {
        id: "a/eu-west-1/hvm",
        kind: "copy",
        region: "eu-west-1",
        instanceType: "m5.large",
        expectedMs: 0,
        volumeGb: 8,
      },
    ]);
    expect(estimate.launches).toBe(2);
    expect(estimate.copies).toBe(1);
    expect(estimate.instanceHours).toBeCloseTo(1.5);
    expect(estimate.lines[0]?.run).toBeCloseTo(0.048);
    expect(estimate.lines[1]?.hourly).toBeCloseTo(0.096 * 1.6);
    expect(estimate.lines[2]?.run).toBeCloseTo(0.16);
    expect(estimate.storagePerMonth).toBeCloseTo(8 * 0.05 * (1 + 1.6 + 1.11));
    expect(estimate.pricesAsOf).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  it("says when it had to guess a price", () => {
    const [line] = estimateCost([
      {
        id: "x",
        kind: "build",
        region: "me-central-1",
        instanceType: "z9.large",
        expectedMs: hour,
        volumeGb: 8,
      },
    ]).lines;
    expect(line?.guessed).toBe("no price for z9.large; no price factor for me-central-1");
    expect(line?.run).toBeGreaterThan(0);
  });

  it("prints dollars a person reads at a glance", () => {
    expect(formatUsd(0.4812)).toBe("$0.48");
    expect(formatUsd(1234.5)).toBe("$1,235");
  });
});
