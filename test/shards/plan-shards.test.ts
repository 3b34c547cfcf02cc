import { describe, expect, it } from "vitest";
import type { Job } from "../../src/model/job.ts";
import { parseShard, planShards } from "../../src/shards/plan-shards.ts";

const REGIONS = [
  "ap-northeast-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "eu-west-1",
  "sa-east-1",
  "us-east-1",
  "us-west-1",
  "us-west-2",
];

function spark(overrides: Partial<Job> = {}): Job[] {
  return ["base", "spark"].flatMap((image) =>
    REGIONS.flatMap((region) =>
      ["hvm", "pv"].map(
        (virtualization) =>
          ({
            id: `${image}/${region}/${virtualization}`,
            image,
            region,
            virtualization,
            strategy: "build",
            homeRegion: "ap-northeast-1",
            ...overrides,
          }) as Job,
      ),
    ),
  );
}

const minutes = (job: Job) => (job.image === "spark" ? 25 : 15) * 60_000;

describe("shards", () => {
  it("hold whole regions, are disjoint, cover the plan and are balanced", () => {
    const jobs = spark();
    const shards = planShards({ jobs, count: 3, expectedMs: minutes });
    const all = shards.flatMap((s) => s.jobs);
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(jobs.map((j) => j.id).sort());
    for (const shard of shards)
      for (const id of shard.jobs) expect(shard.regions).toContain(id.split("/")[1]);
    expect(shards.map((s) => s.regions.length).sort()).toEqual([2, 3, 3]);
    const work = shards.map((s) => s.expectedMs);
    expect(Math.max(...work) - Math.min(...work)).toBeLessThanOrEqual(80 * 60_000); // one region's work
  });

  it("are the same for the same plan", () => {
    const a = planShards({ jobs: spark(), count: 3, expectedMs: minutes });
    const b = planShards({ jobs: [...spark()].reverse().reverse(), count: 3, expectedMs: minutes });
    expect(a).toEqual(b);
  });

  it("keep a copied image's build and every copy in one shard", () => {
    const shards = planShards({ jobs: spark({ strategy: "copy" }), count: 3, expectedMs: minutes });
    expect(shards.filter((s) => s.jobs.length > 0)).toHaveLength(1);
    expect(shards[0]?.regions).toEqual(REGIONS);
  });

  it("read K/N", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    for (const bad of ["0/3", "4/3", "3", "a/b", "1/0"]) expect(parseShard(bad)).toBeUndefined();
  });
});
