// How a job's line ends, in both displays: what the outcome says, in words a person acts on.

import { formatDuration } from "../text/durations.ts";
import { firstLine } from "../text/first-line.ts";
import { plural } from "../text/plural.ts";
import type { JobProgress } from "./run-progress.ts";

export interface JobEnding {
  /** How the interactive display marks the line: a tick, a cross or an arrow. */
  kind: "succeeded" | "failed" | "skipped";
  text: string;
}

export const KILLED_TEXT = "killed: cloud resources may be left behind";
export const NOT_STARTED_TEXT = "not started (interrupted)";

export function jobEnding(job: JobProgress, { interrupted }: { interrupted: boolean }): JobEnding {
  const { outcome } = job;
  if (!outcome) return endingWithoutOutcome(job, { interrupted });
  const error = firstLine(outcome.error);
  switch (outcome.status) {
    case "succeeded": {
      const ami =
        outcome.amis[job.region] ?? Object.values(outcome.amis)[0] ?? "no AMI id reported";
      return {
        kind: "succeeded",
        text: `succeeded: ${ami} (${formatDuration(outcome.durationMs, "clock")})`,
      };
    }
    case "unchanged":
      return {
        kind: "succeeded",
        text: `unchanged: ${outcome.amis[job.region] ?? Object.values(outcome.amis)[0] ?? ""}`,
      };
    case "failed": {
      const after = outcome.attempts > 0 ? ` after ${plural(outcome.attempts, "attempt")}` : "";
      return { kind: "failed", text: `FAILED${after}: ${error ?? "no error message"}` };
    }
    case "skipped":
      return { kind: "skipped", text: error ? `skipped: ${error}` : "skipped" };
    case "interrupted":
      if (outcome.mayLeak || job.killed) return { kind: "failed", text: KILLED_TEXT };
      if (outcome.attempts === 0) return { kind: "skipped", text: NOT_STARTED_TEXT };
      return { kind: "skipped", text: error ?? "interrupted" };
  }
}

// The run can end without a job's `finished` event only when it was cut short.
function endingWithoutOutcome(
  job: JobProgress,
  { interrupted }: { interrupted: boolean },
): JobEnding {
  if (job.killed) return { kind: "failed", text: KILLED_TEXT };
  if (interrupted && job.phase === "waiting") return { kind: "skipped", text: NOT_STARTED_TEXT };
  if (interrupted && job.phase === "retry-wait") {
    return { kind: "skipped", text: "not retried (interrupted)" };
  }
  return { kind: "skipped", text: "no result (the run ended first)" };
}
