import type { JobOutcome } from "../model/job.ts";
import { tailLines } from "../packer/provisioning-output.ts";
import { alignColumns } from "../text/align-columns.ts";
import { formatDuration } from "../text/durations.ts";
import { firstLine } from "../text/first-line.ts";
import { pathForDisplay } from "../text/path-for-display.ts";
import { plural } from "../text/plural.ts";
import { countStatuses, STATUS_ORDER } from "./count-statuses.ts";

const HEADER = ["JOB", "STATUS", "AMI", "ATTEMPTS", "DURATION", "LOG"];
const RIGHT_ALIGNED = [3, 4];
const DETAIL_INDENT = "    ";
const MAX_ERROR_WIDTH = 120;

export interface SummaryTableOptions {
  /** Log paths are shown relative to this folder when they are inside it (usually the cwd). */
  baseDir?: string;
  /** Job id → the last lines of a failed job's provisioning output, masked. */
  outputTails?: ReadonlyMap<string, readonly string[]>;
}

// What a person reads at the end of a run: which cells worked, where their AMI is, and where to look when
// one did not. Colors are left to the caller.
export function formatSummaryTable(
  outcomes: readonly JobOutcome[],
  { baseDir, outputTails = new Map() }: SummaryTableOptions = {},
): string {
  const rows = outcomes.map((outcome) => [
    outcome.job.id,
    outcome.status,
    outcome.amis[outcome.job.region] ?? "-",
    String(outcome.attempts),
    formatDuration(outcome.durationMs, "tenths"),
    pathForDisplay(outcome.log, baseDir) || "-",
  ]);
  const [header = "", ...lines] = alignColumns([HEADER, ...rows], { rightAligned: RIGHT_ALIGNED });
  const body = lines.flatMap((line, i) => [
    line,
    ...detailLines(outcomes[i], { baseDir, tail: outputTails.get(outcomes[i]?.job.id ?? "") }),
  ]);
  return [header, ...body, countsLine(outcomes)].join("\n");
}

// Indented under the job's row, so the reason is next to the job without breaking the columns; a failed
// job's script output follows, with the log it comes from.
function detailLines(
  outcome: JobOutcome | undefined,
  { baseDir, tail = [] }: { baseDir: string | undefined; tail?: readonly string[] },
): string[] {
  if (!outcome) return [];
  const details: string[] = [];
  // A job interrupted before it started needs no reason: its row says it all.
  const neverStarted = outcome.status === "interrupted" && outcome.attempts === 0;
  if (outcome.error !== undefined && outcome.status !== "succeeded" && !neverStarted) {
    // A skipped cell did nothing wrong: it says why it was not built.
    const label = outcome.status === "skipped" ? "skipped" : "error";
    details.push(`${label}: ${firstLine(outcome.error) ?? ""}`);
  }
  if (outcome.status === "failed")
    details.push(...tailLines(tail, pathForDisplay(outcome.log, baseDir) || outcome.log));
  if (outcome.mayLeak === true) {
    details.push(
      `warning: cloud resources may be left in ${outcome.job.region}; the sweep --run command below removes them`,
    );
  }
  return details.map((detail) => `${DETAIL_INDENT}${truncate(detail, MAX_ERROR_WIDTH)}`);
}

// e.g. `32 jobs: 30 succeeded, 1 failed, 1 interrupted` (statuses nobody had are left out).
export function countsLine(outcomes: readonly JobOutcome[]): string {
  const counts = countStatuses(outcomes);
  const total = plural(outcomes.length, "job");
  const parts = STATUS_ORDER.filter((status) => counts[status] > 0).map(
    (status) => `${counts[status]} ${status}`,
  );
  return parts.length === 0 ? total : `${total}: ${parts.join(", ")}`;
}

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
