// What a CI log says about one event. Every step change is kept (it is how a failed build is
// debugged from a log), but a step that repeats the previous one for the same job is not.
import type { RunEvent } from "../run/run-events.ts";
import { formatRemaining } from "../text/durations.ts";
import { firstLine } from "../text/first-line.ts";
import { attemptLabel } from "./attempt-label.ts";
import { jobEnding } from "./job-ending.ts";
import { forceWarning, interruptNotice } from "./run-notices.ts";
import type { RunProgress } from "./run-progress.ts";

/** `subject` is a job id, or `run` for the run as a whole. */
export interface PlainLine {
  subject: string;
  text: string;
}

export const RUN_SUBJECT = "run";

/** `run` is the progress before `event` is recorded. */
export function plainLines({
  event,
  run,
  maxAttempts,
  formatPath,
}: {
  event: RunEvent;
  run: RunProgress;
  maxAttempts: number | undefined;
  formatPath: (file: string) => string;
}): PlainLine[] {
  const long = (attempt: number) => attemptLabel({ attempt, maxAttempts, style: "long" });
  switch (event.type) {
    case "queued":
      // Every job is queued at the start; only a retry coming back to the queue is news.
      if (event.attempt <= 1) return [];
      return [{ subject: event.jobId, text: `waiting for a slot (${long(event.attempt)})` }];
    case "started":
      return [
        {
          subject: event.jobId,
          text: `started (${long(event.attempt)}), log ${formatPath(event.log)}`,
        },
      ];
    case "step":
      if (run.jobs.get(event.jobId)?.step === event.text) return [];
      return [{ subject: event.jobId, text: event.text }];
    case "retrying": {
      const reason = firstLine(event.reason) ?? "transient failure";
      const when = `retrying in ${formatRemaining(event.delayMs)} (${long(event.nextAttempt)})`;
      return [{ subject: event.jobId, text: `${when}: ${reason}` }];
    }
    case "finished": {
      const { job } = event.outcome;
      const known = run.jobs.get(job.id);
      const ending = jobEnding(
        {
          id: job.id,
          region: job.region,
          attempt: 0,
          cleaningUp: false,
          ...known,
          phase: "finished",
          outcome: event.outcome,
        },
        { interrupted: run.interrupt !== undefined },
      );
      return [{ subject: job.id, text: ending.text }];
    }
    case "verifying":
      return [
        {
          subject: event.jobId,
          text: `built ${event.amiId}; verifying it before writing its cell`,
        },
      ];
    case "cell-written":
      return [
        { subject: event.jobId, text: `AMI list ${event.change}: ${formatPath(event.file)}` },
      ];
    case "killed": {
      const why =
        event.reason === "forced"
          ? "Ctrl-C forced it"
          : "it did not clean up within the grace period";
      return [{ subject: event.jobId, text: `Packer killed (${why})` }];
    }
    case "interrupting":
      return [
        { subject: RUN_SUBJECT, text: interruptNotice(event) },
        ...event.cleaningUp.map((id) => ({ subject: id, text: "cleaning up cloud resources" })),
      ];
    case "force-warning":
      return [
        { subject: RUN_SUBJECT, text: forceWarning(event) },
        ...event.cleaningUp.map((id) => ({
          subject: id,
          text: "Ctrl-C again would leave its cloud resources behind",
        })),
      ];
  }
}
