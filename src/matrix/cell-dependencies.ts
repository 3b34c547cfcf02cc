// Pure: the cells a cell needs. A copy needs its image's build in the home region, and a cell built on
// another image needs that image's cell; selecting one brings in what it needs (which is usually found
// unchanged and costs nothing), so a shard or an --only never holds half of a dependency.
import { isCopyJob, type Job } from "../model/job.ts";

/** The job ids a job waits for, in the order they are needed. */
export function neededJobIds(job: Job): string[] {
  if (isCopyJob(job)) return [`${job.image}/${job.homeRegion}/${job.virtualization}`];
  return job.from ? [job.from] : [];
}

/** The selected jobs and every job they need, in plan order, with those added and why. */
export function withDependencies(
  selected: readonly Job[],
  all: readonly Job[],
): { jobs: Job[]; added: Map<string, string> } {
  const byId = new Map(all.map((job) => [job.id, job]));
  const chosen = new Set(selected.map((job) => job.id));
  const added = new Map<string, string>();
  const queue = [...selected];
  while (queue.length > 0) {
    const job = queue.shift() as Job;
    for (const id of neededJobIds(job)) {
      const needed = byId.get(id);
      if (!needed || chosen.has(id)) continue;
      chosen.add(id);
      added.set(id, job.id);
      queue.push(needed);
    }
  }
  return { jobs: all.filter((job) => chosen.has(job.id)), added };
}
