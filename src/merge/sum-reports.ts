// Pure: one report for a run done in parts: every part's jobs, the summary counted again over all of
// them, and the parts' run ids, so the merged report reads like one run's and says where it came from.
import { STATUS_ORDER } from "../report/count-statuses.ts";
import type { SourceJob, SourceReport } from "./read-report.ts";

export interface MergedReport {
  runId: string;
  /** The run ids of the parts, in the order they were given. */
  mergedFrom: string[];
  startedAt?: string;
  finishedAt?: string;
  /** Set when a part was a rehearsal: its durations are not AWS's. */
  rehearsal?: true;
  summary: Record<string, number>;
  jobs: SourceJob[];
}

export function sumReports({
  runId,
  parts,
}: {
  runId: string;
  parts: readonly SourceReport[];
}): MergedReport {
  const jobs = parts.flatMap((part) => part.jobs);
  const summary: Record<string, number> = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0]));
  for (const { status } of jobs) summary[status] = (summary[status] ?? 0) + 1;
  const started = parts.flatMap((part) => part.startedAt ?? []).sort();
  const finished = parts.flatMap((part) => part.finishedAt ?? []).sort();
  return {
    runId,
    mergedFrom: parts.map((part) => part.runId),
    ...(started[0] !== undefined && { startedAt: started[0] }),
    ...(finished.length > 0 && { finishedAt: finished.at(-1) }),
    ...(parts.some((part) => part.rehearsal === true) && { rehearsal: true as const }),
    summary,
    jobs,
  };
}
