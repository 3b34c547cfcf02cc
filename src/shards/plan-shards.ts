// Pure: the selected plan cut into N shards for N CI runners. A shard holds whole regions, so each
// region's limit holds across runners, and an image built once and copied keeps its build and every
// copy together; cells built on another stay with it too. Shards are disjoint, cover the plan, are the
// same for the same plan, and are balanced by expected work (the largest groups placed first, each on
// the least loaded shard).
import type { Job } from "../model/job.ts";

export interface Shard {
  /** 1-based, as `--shard K/N` names it. */
  index: number;
  count: number;
  regions: string[];
  /** Job ids, in plan order. */
  jobs: string[];
  /** Sum of the jobs' expected durations. */
  expectedMs: number;
}

export function planShards({
  jobs,
  count,
  expectedMs,
}: {
  jobs: readonly Job[];
  count: number;
  /** A job's expected duration (from the last report, else an estimate). */
  expectedMs: (job: Job) => number;
}): Shard[] {
  const groups = regionGroups(jobs).map((regions) => {
    const members = jobs.filter((job) => regions.has(job.region));
    return {
      regions: [...regions].sort(),
      members,
      work: members.reduce((sum, job) => sum + expectedMs(job), 0),
    };
  });
  // Largest first; ties by the first region's name, so the same plan always gives the same shards.
  groups.sort((a, b) => b.work - a.work || (a.regions[0] ?? "").localeCompare(b.regions[0] ?? ""));
  const shards: Shard[] = Array.from({ length: count }, (_, i) => ({
    index: i + 1,
    count,
    regions: [],
    jobs: [],
    expectedMs: 0,
  }));
  for (const group of groups) {
    const lightest = shards.reduce((a, b) => (b.expectedMs < a.expectedMs ? b : a));
    lightest.regions.push(...group.regions);
    lightest.jobs.push(...group.members.map((job) => job.id));
    lightest.expectedMs += group.work;
  }
  const order = new Map(jobs.map((job, i) => [job.id, i]));
  for (const shard of shards) {
    shard.regions.sort();
    shard.jobs.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  }
  return shards;
}

// Regions that must share a runner: a copy and its home region, a layered cell and its base's region.
function regionGroups(jobs: readonly Job[]): Set<string>[] {
  const parent = new Map<string, string>();
  const find = (region: string): string => {
    const up = parent.get(region) ?? region;
    if (up === region) return region;
    const root = find(up);
    parent.set(region, root);
    return root;
  };
  const join = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const selected = new Set(jobs.map((job) => job.region));
  for (const job of jobs) {
    parent.set(job.region, parent.get(job.region) ?? job.region);
    if (job.strategy === "copy" && selected.has(job.homeRegion)) join(job.region, job.homeRegion);
    const baseRegion = job.from?.split("/")[1];
    if (baseRegion && selected.has(baseRegion)) join(job.region, baseRegion);
  }
  const groups = new Map<string, Set<string>>();
  for (const region of selected) {
    const root = find(region);
    groups.set(root, (groups.get(root) ?? new Set()).add(region));
  }
  return [...groups.values()];
}

/** `--shard K/N`: K from 1 to N. */
export function parseShard(text: string): { index: number; count: number } | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) return undefined;
  const [index, count] = [Number(match[1]), Number(match[2])];
  return index >= 1 && count >= 1 && index <= count && count <= 256 ? { index, count } : undefined;
}
