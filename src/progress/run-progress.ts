// What the events have said so far, per job and for the run: both displays render from this and
// nothing else, so neither can drift from what the scheduler reported.
import type { Job, JobOutcome } from "../model/job.ts";
import type { RunEvent } from "../run/run-events.ts";

export type JobPhase = "waiting" | "running" | "retry-wait" | "verifying" | "finished";

export interface JobProgress {
  id: string;
  /** Region of the job, for messages about what may be left behind. */
  region: string;
  phase: JobPhase;
  /** Attempt being waited for or run; 0 before the scheduler said anything. */
  attempt: number;
  /** When the job's first attempt started, from the display's clock. */
  startedAt?: number;
  /** Latest Packer step of the current attempt. */
  step?: string;
  retry?: { nextAttempt: number; delayMs: number; reason: string; at: number };
  /** Named by the `interrupting` event: Packer was told to stop and is cleaning up. */
  cleaningUp: boolean;
  killed?: "grace-period" | "forced";
  outcome?: JobOutcome;
}

export interface RunProgress {
  /** In plan order. */
  jobs: Map<string, JobProgress>;
  interrupt?: { signal: string; cleaningUp: string[]; killAfterMs: number; at: number };
  forceWarning?: { cleaningUp: string[] };
}

export function createRunProgress(jobs: readonly Job[]): RunProgress {
  return {
    jobs: new Map(
      jobs.map((job) => [
        job.id,
        { id: job.id, region: job.region, phase: "waiting", attempt: 0, cleaningUp: false },
      ]),
    ),
  };
}

// Events for jobs outside the plan are ignored: the display shows the plan it was given.
export function recordEvent(progress: RunProgress, event: RunEvent, at: number): void {
  if (event.type === "interrupting") {
    progress.interrupt = { ...event, at };
    for (const id of event.cleaningUp) {
      const job = progress.jobs.get(id);
      if (job) job.cleaningUp = true;
    }
    return;
  }
  if (event.type === "force-warning") {
    progress.forceWarning = { cleaningUp: event.cleaningUp };
    return;
  }
  const job = progress.jobs.get(event.type === "finished" ? event.outcome.job.id : event.jobId);
  if (job) recordJobEvent(job, event, at);
}

function recordJobEvent(
  job: JobProgress,
  event: Exclude<RunEvent, { type: "interrupting" | "force-warning" }>,
  at: number,
): void {
  switch (event.type) {
    case "queued":
      job.phase = "waiting";
      job.attempt = event.attempt;
      job.retry = undefined;
      break;
    case "started":
      job.phase = "running";
      job.attempt = event.attempt;
      job.step = undefined;
      job.retry = undefined;
      job.startedAt ??= at;
      break;
    case "step":
      job.step = event.text;
      break;
    case "retrying":
      job.phase = "retry-wait";
      job.attempt = event.attempt;
      job.step = undefined;
      job.retry = {
        nextAttempt: event.nextAttempt,
        delayMs: event.delayMs,
        reason: event.reason,
        at,
      };
      break;
    case "verifying":
      job.phase = "verifying";
      job.step = `verifying ${event.amiId} before writing its cell`;
      break;
    case "finished":
      job.phase = "finished";
      job.outcome = event.outcome;
      break;
    case "killed":
      job.killed = event.reason;
      break;
    case "cell-written":
      break;
  }
}
