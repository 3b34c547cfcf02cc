import { expect, it } from "vitest";
import { dryRunCost } from "../../bench/nightly-run.ts";

it("the nightly bench reads the dry run's Cost line, singular or plural", () => {
  const line = (launches: string, copies: string) =>
    `Plan\nCost: ${launches}, ${copies}, 31 unchanged; about 0.3 build instance-hours, $0.02 on demand, and $0.01 a month`;
  expect(dryRunCost(line("1 instance launch", "1 copy"))).toEqual({
    launches: 1,
    copies: 1,
    unchanged: 31,
    instanceHours: 0.3,
    onDemand: "$0.02",
  });
  expect(dryRunCost(line("4 instance launches", "28 copies"))).toMatchObject({
    launches: 4,
    copies: 28,
  });
  expect(dryRunCost("no plan here")).toBeUndefined();
});
