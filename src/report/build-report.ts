import type { JobOutcome, Outcome, Virtualization } from "../model/job.ts";
import { pathForDisplay } from "../text/path-for-display.ts";
import { countStatuses, type StatusCounts } from "./count-statuses.ts";

// One job in report.json: its cell, then how it ended (log paths relative to where the user stands).
export interface JobReport extends Omit<Outcome, "mayLeak"> {
  id: string;
  image: string;
  region: string;
  virtualization: Virtualization;
  amiListFile: string;
  /** Only present (and true) when Packer was killed and cloud resources may be left behind. */
  mayLeak?: true;
  /** The image the job was built from, pinned when the run was planned. */
  sourceAmi?: SourceAmiReport;
}

/** The image a job was built from, pinned when the run was planned; deprecated ones say since when. */
export interface SourceAmiReport {
  id: string;
  name: string;
  creationDate: string;
  deprecationTime?: string;
}

/** How the plan treated a cell: what it did and why, and the fingerprint of what it built or kept. */
export interface CellPlanReport {
  action: "build" | "copy" | "keep" | "skip";
  reason: string;
  fingerprint: string;
}

export interface RunReport {
  runId: string;
  /** Set for a run against an EC2-compatible endpoint: its durations are not AWS's. */
  rehearsal?: true;
  startedAt?: string;
  finishedAt?: string;
  summary: StatusCounts;
  jobs: JobReport[];
}

export interface BuildReportOptions {
  runId: string;
  rehearsal?: boolean;
  /** Job id → what the plan did with the cell and why. */
  cells?: ReadonlyMap<string, CellPlanReport>;
  /** Log paths are written relative to this folder when they are inside it. */
  baseDir?: string;
  startedAt?: Date;
  finishedAt?: Date;
  /** Job id → the source AMI it was built from. */
  sourceImages?: ReadonlyMap<string, SourceAmiReport>;
}

// The machine-readable record of a run, for CI and for whoever investigates a failure later.
export function buildReport(
  outcomes: readonly JobOutcome[],
  { runId, rehearsal, cells, baseDir, startedAt, finishedAt, sourceImages }: BuildReportOptions,
): RunReport {
  return {
    runId,
    ...(rehearsal ? { rehearsal: true as const } : {}),
    ...(startedAt && { startedAt: startedAt.toISOString() }),
    ...(finishedAt && { finishedAt: finishedAt.toISOString() }),
    summary: countStatuses(outcomes),
    jobs: outcomes.map((outcome) => ({
      ...jobReport(outcome, baseDir, sourceImages?.get(outcome.job.id)),
      ...cells?.get(outcome.job.id),
    })),
  };
}

// Field order is part of the format: the job's identity first, then its result.
function jobReport(
  outcome: JobOutcome,
  baseDir: string | undefined,
  sourceAmi: JobReport["sourceAmi"],
): JobReport {
  const { job } = outcome;
  return {
    id: job.id,
    image: job.image,
    region: job.region,
    virtualization: job.virtualization,
    status: outcome.status,
    attempts: outcome.attempts,
    amis: sortedByKey(outcome.amis),
    ...(outcome.error !== undefined && { error: outcome.error }),
    log: pathForDisplay(outcome.log, baseDir),
    durationMs: outcome.durationMs,
    amiListFile: job.amiListFile,
    ...(outcome.mayLeak === true && { mayLeak: true as const }),
    ...(sourceAmi && {
      sourceAmi: {
        id: sourceAmi.id,
        name: sourceAmi.name,
        creationDate: sourceAmi.creationDate,
        ...(sourceAmi.deprecationTime && { deprecationTime: sourceAmi.deprecationTime }),
      },
    }),
  };
}

function sortedByKey(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}
