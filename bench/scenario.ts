// Pure: the stand-in Packer's scenario for a bench run. Build times are seeded pseudo-random, and each
// region gets a weight of its own, so regions differ in total work and the per-region limit matters.

export interface BenchJob {
  id: string;
  region: string;
}

export interface PlannedBuild extends BenchJob {
  /** What the stand-in is told to take; the measured time adds process start-up and output handling. */
  durationMs: number;
}

export const MIN_DURATION_MS = 300;
export const MAX_DURATION_MS = 1500;
/** Share of a job's spread decided by its region; the rest is the job's own. */
const REGION_SHARE = 0.6;

export function plannedBuilds(
  jobs: readonly BenchJob[],
  seed: number,
  { minMs = MIN_DURATION_MS, maxMs = MAX_DURATION_MS }: { minMs?: number; maxMs?: number } = {},
): PlannedBuild[] {
  const random = mulberry32(seed);
  const regionWeight = new Map<string, number>();
  for (const region of [...new Set(jobs.map((job) => job.region))].sort())
    regionWeight.set(region, random());
  const spread = maxMs - minMs;
  return jobs.map((job) => {
    const weight =
      REGION_SHARE * (regionWeight.get(job.region) ?? 0) + (1 - REGION_SHARE) * random();
    return { ...job, durationMs: Math.round(minMs + spread * weight) };
  });
}

// Keys are substrings of the template path, which holds the job id as folders:
// `runs/<run id>/spark/us-east-1/hvm/template.pkr.hcl`.
export function standInScenario(
  builds: readonly PlannedBuild[],
  { outputBytes }: { outputBytes: number },
): unknown {
  return {
    default: { outcomes: ["success"] },
    jobs: Object.fromEntries(
      builds.map((build) => [
        `/${build.id}/`,
        { outcomes: ["success"], durationMs: build.durationMs, outputBytes },
      ]),
    ),
  };
}

// A small, well-known seeded generator: the same seed gives the same matrix of build times everywhere.
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
