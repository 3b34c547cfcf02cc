// Pure: replays a run's measured job times through a scheduling policy, with no process or I/O cost, to
// tell what the policy gives from what the implementation adds, and what another policy would give.

export interface SimulatedJob {
  id: string;
  region: string;
  ms: number;
}

export type Policy =
  /** What src/run/scheduler.ts does: a FIFO per region (p-limit) in the order given (the scheduler
   * gives it round-robin across regions), whose admitted jobs join one global FIFO (p-limit). */
  | "plan-order"
  /** Needs no build times: the next job comes from the region with the most jobs not yet started. */
  | "most-jobs-left"
  /** Needs build times (e.g. the last run's report): the region with the most work not yet started
   * first, its longest job first. */
  | "most-work-left";

export function simulateMakespan(
  jobs: readonly SimulatedJob[],
  { concurrency, regionConcurrency }: { concurrency: number; regionConcurrency: number },
  policy: Policy,
): number {
  const waiting = [...jobs];
  const regionRunning = new Map<string, number>();
  const running: { endMs: number; job: SimulatedJob }[] = [];
  /** plan-order only: jobs their region has admitted, waiting for a global slot. */
  const admitted: SimulatedJob[] = [];
  let now = 0;
  let makespan = 0;

  const inRegion = (region: string) => regionRunning.get(region) ?? 0;
  const start = (job: SimulatedJob) => {
    running.push({ endMs: now + job.ms, job });
    makespan = Math.max(makespan, now + job.ms);
  };
  const admit = () => {
    for (let i = 0; i < waiting.length; ) {
      const job = waiting[i] as SimulatedJob;
      if (inRegion(job.region) < regionConcurrency) {
        regionRunning.set(job.region, inRegion(job.region) + 1);
        admitted.push(job);
        waiting.splice(i, 1);
      } else i++;
    }
  };
  const fill = () => {
    if (policy === "plan-order") {
      while (running.length < concurrency && admitted.length > 0)
        start(admitted.shift() as SimulatedJob);
      return;
    }
    while (running.length < concurrency) {
      const job = pick(waiting, policy, (region) => inRegion(region) < regionConcurrency);
      if (!job) return;
      waiting.splice(waiting.indexOf(job), 1);
      regionRunning.set(job.region, inRegion(job.region) + 1);
      start(job);
    }
  };

  if (policy === "plan-order") admit();
  fill();
  while (running.length > 0) {
    running.sort((a, b) => a.endMs - b.endMs);
    const { endMs, job } = running.shift() as { endMs: number; job: SimulatedJob };
    now = endMs;
    // p-limit frees the global slot first (the next admitted job takes it), then the region slot
    // (the region's next job joins the global queue at its tail).
    if (policy === "plan-order") fill();
    regionRunning.set(job.region, inRegion(job.region) - 1);
    if (policy === "plan-order") admit();
    fill();
  }
  return makespan;
}

function pick(
  waiting: readonly SimulatedJob[],
  policy: Exclude<Policy, "plan-order">,
  hasRoom: (region: string) => boolean,
): SimulatedJob | undefined {
  const left = new Map<string, number>();
  for (const job of waiting)
    left.set(job.region, (left.get(job.region) ?? 0) + (policy === "most-jobs-left" ? 1 : job.ms));
  let best: SimulatedJob | undefined;
  for (const job of waiting) {
    if (!hasRoom(job.region)) continue;
    if (!best) {
      best = job;
      continue;
    }
    const byRegion = (left.get(job.region) ?? 0) - (left.get(best.region) ?? 0);
    const byLength = policy === "most-work-left" ? job.ms - best.ms : 0;
    if (byRegion > 0 || (byRegion === 0 && job.region === best.region && byLength > 0)) best = job;
  }
  return best;
}
