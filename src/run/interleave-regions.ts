// Pure: the order jobs queue in. Plan order (image → region → virtualization) would hand the
// first global slots to the first few regions and leave the last ones as the run's tail; taking
// one job from each region in turn spreads the slots over every region from the start.
export function interleaveByRegion<T extends { region: string }>(jobs: readonly T[]): T[] {
  const byRegion = new Map<string, T[]>();
  for (const job of jobs) byRegion.set(job.region, [...(byRegion.get(job.region) ?? []), job]);
  const queues = [...byRegion.values()];
  const order: T[] = [];
  for (let round = 0; order.length < jobs.length; round++) {
    for (const queue of queues) {
      const job = queue[round];
      if (job) order.push(job);
    }
  }
  return order;
}
