import type { JobOutcome, JobStatus } from "../model/job.ts";

export type StatusCounts = Record<JobStatus, number>;

/** In the order summaries list them. */
export const STATUS_ORDER: readonly JobStatus[] = [
  "succeeded",
  "unchanged",
  "failed",
  "skipped",
  "interrupted",
];

// The report's summary and the end-of-run line must count the same way.
export function countStatuses(outcomes: readonly JobOutcome[]): StatusCounts {
  const counts: StatusCounts = {
    succeeded: 0,
    unchanged: 0,
    failed: 0,
    skipped: 0,
    interrupted: 0,
  };
  for (const { status } of outcomes) counts[status] += 1;
  return counts;
}
