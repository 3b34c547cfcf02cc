import { describe, expect, it } from "vitest";
import { estimateCost, formatUsd, formatUsdFine } from "../../src/cost/estimate-cost.ts";

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

  it("uses a region's own list price where the table has one, else us-east-1's times the region's factor", () => {
    const line = (instanceType: string, region: string) =>
      estimateCost([
        { id: "x", kind: "build", region, instanceType, expectedMs: hour, volumeGb: 30 },
      ]).lines[0];
    expect(line("g5.xlarge", "ap-northeast-2")).toMatchObject({ hourly: 1.237, listed: true });
    expect(line("g4dn.xlarge", "ap-northeast-2")).toMatchObject({ hourly: 0.647, listed: true });
    expect(line("t3.medium", "us-east-1")).toMatchObject({ hourly: 0.0416, listed: true });
    const estimated = line("m5.large", "sa-east-1");
    expect(estimated?.hourly).toBeCloseTo(0.096 * 1.6);
    expect(estimated?.listed).toBeUndefined();
    expect(estimated?.guessed).toBeUndefined();
    // Snapshots: the root volume's size at the region's snapshot price.
    expect(line("g5.xlarge", "us-east-1")?.storagePerMonth).toBeCloseTo(30 * 0.05);
  });

  it("counts skipped cells apart: they cost nothing", () => {
    const estimate = estimateCost([], { unchanged: 1, skipped: 2 });
    expect(estimate).toMatchObject({ launches: 0, unchanged: 1, skipped: 2, run: 0 });
  });

  it("prints dollars a person reads at a glance", () => {
    expect(formatUsd(0.4812)).toBe("$0.48");
    expect(formatUsd(1234.5)).toBe("$1,235");
    expect(formatUsdFine(0.0416)).toBe("$0.0416");
    expect(formatUsdFine(0.096)).toBe("$0.096");
    expect(formatUsdFine(0.5)).toBe("$0.50");
    expect(formatUsdFine(0.0139)).toBe("$0.0139");
    expect(formatUsdFine(1.237)).toBe("$1.24");
  });
});
