// The dry run's cost columns and line: per job the instance's on-demand price, the build's cost and its
// snapshot's monthly storage, dashes for what costs nothing, and the run's totals with the prices' date.
import { expect, it } from "vitest";
import { costCells, costSummary } from "../../../src/commands/build/format-cost.ts";
import { estimateCost } from "../../../src/cost/estimate-cost.ts";

const hour = 3_600_000;
const cost = estimateCost(
  [
    {
      id: "rails/us-east-1/hvm",
      kind: "build",
      region: "us-east-1",
      instanceType: "t3.medium",
      expectedMs: hour / 2,
      volumeGb: 8,
    },
    {
      id: "base/sa-east-1/hvm",
      kind: "build",
      region: "sa-east-1",
      instanceType: "m5.large",
      expectedMs: hour,
      volumeGb: 8,
    },
    {
      id: "base/eu-west-1/hvm",
      kind: "copy",
      region: "eu-west-1",
      instanceType: "m5.large",
      expectedMs: 0,
      volumeGb: 8,
    },
  ],
  { unchanged: 1, skipped: 1 },
);

it("shows each job's price, build cost and snapshot storage, ~ marking an estimated price", () => {
  expect(costCells(cost, "rails/us-east-1/hvm")).toEqual(["$0.0416", "$0.0208", "$0.40"]);
  expect(costCells(cost, "base/sa-east-1/hvm")).toEqual(["~$0.1536", "$0.1536", "$0.64"]);
  expect(costCells(cost, "base/eu-west-1/hvm")).toEqual(["-", "$0.16", "$0.444"]);
  // Kept or skipped: nothing is launched, copied or stored.
  expect(costCells(cost, "passenger/us-east-1/hvm")).toEqual(["-", "-", "-"]);
});

it("sums the run, with what costs nothing counted and the prices' date said", () => {
  expect(costSummary(cost)).toBe(
    `Cost: 2 instance launches, 1 copy, 1 unchanged, 1 skipped; about 1.5 build instance-hours, $0.33 on demand, and up to $1.48 a month for the new snapshots (AWS's on-demand Linux list prices as of ${cost.pricesAsOf}; durations from the last reports where there are some; ~ estimated from us-east-1's price and a region factor)`,
  );
});
