import { expect, it } from "vitest";
import { interleaveByRegion } from "../../src/run/interleave-regions.ts";

it("takes one job from each region in turn, keeping each region's own order", () => {
  const jobs = ["a1", "a2", "a3", "b1", "c1", "c2"].map((id) => ({ id, region: id[0] as string }));
  expect(interleaveByRegion(jobs).map((j) => j.id)).toEqual(["a1", "b1", "c1", "a2", "c2", "a3"]);
});
