// The one line that says where the whole run is, e.g. `32 jobs: 12 done, 8 running, 11 queued, 1 failed`.
// Done is succeeded or skipped; queued includes jobs waiting out a retry delay.
import { plural } from "../text/plural.ts";
import type { RunProgress } from "./run-progress.ts";

export function countJobsLine(run: RunProgress): string {
  const counts = { done: 0, running: 0, verifying: 0, queued: 0, failed: 0, interrupted: 0 };
  for (const job of run.jobs.values()) {
    if (job.phase === "running") counts.running++;
    else if (job.phase === "verifying") counts.verifying++;
    else if (job.phase !== "finished") counts.queued++;
    else if (job.outcome?.status === "failed") counts.failed++;
    else if (job.outcome?.status === "interrupted") counts.interrupted++;
    else counts.done++;
  }
  const total = plural(run.jobs.size, "job");
  const parts = [
    `${counts.done} done`,
    `${counts.running} running`,
    // Verifying jobs hold no slot; shown apart so "running" never exceeds the limit.
    ...(counts.verifying > 0 ? [`${counts.verifying} verifying`] : []),
    `${counts.queued} queued`,
    `${counts.failed} failed`,
  ];
  if (counts.interrupted > 0) parts.push(`${counts.interrupted} interrupted`);
  return `${total}: ${parts.join(", ")}`;
}
