// The shards of the selected cells as both the `shards` command and `--shard K/N` see them: weighed by
// the durations of the last real runs under runs/, so a workflow's matrix and each runner's share agree.
import { isCopyJob, type Job } from "../model/job.ts";
import { COPY_EXPECTED_MS, DEFAULT_EXPECTED_MS, pastDurations } from "../report/past-durations.ts";
import { planShards, type Shard } from "./plan-shards.ts";

export async function shardsFromHistory({
  jobs,
  count,
  runsDir,
}: {
  jobs: readonly Job[];
  count: number;
  runsDir: string;
}): Promise<Shard[]> {
  const durations = await pastDurations(runsDir);
  return planShards({
    jobs,
    count,
    expectedMs: (job) =>
      durations.get(job.id) ?? (isCopyJob(job) ? COPY_EXPECTED_MS : DEFAULT_EXPECTED_MS),
  });
}
