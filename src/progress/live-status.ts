// The moving part of a job's line while it is not finished: what it waits for or is doing, and for how long.

import { formatDuration, formatRemaining } from "../text/durations.ts";
import { firstLine } from "../text/first-line.ts";
import { attemptLabel } from "./attempt-label.ts";
import { jobEnding, KILLED_TEXT, NOT_STARTED_TEXT } from "./job-ending.ts";
import type { JobProgress, RunProgress } from "./run-progress.ts";

export function liveStatus({
  job,
  run,
  now,
  maxAttempts,
}: {
  job: JobProgress;
  run: RunProgress;
  now: number;
  maxAttempts: number | undefined;
}): string {
  const attempt =
    job.attempt > 1 ? attemptLabel({ attempt: job.attempt, maxAttempts, style: "short" }) : "";
  switch (job.phase) {
    case "finished":
      return jobEnding(job, { interrupted: run.interrupt !== undefined }).text;
    case "waiting":
      if (run.interrupt) return NOT_STARTED_TEXT;
      return attempt ? `waiting for a slot (${attempt})` : "waiting for a slot";
    case "retry-wait": {
      if (run.interrupt) return "not retried (interrupted)";
      const { retry } = job;
      if (!retry) return "waiting to retry";
      const left = formatRemaining(retry.at + retry.delayMs - now);
      return `retry in ${left}: ${firstLine(retry.reason) ?? "transient failure"}`;
    }
    case "verifying":
      return [formatDuration(now - (job.startedAt ?? now), "clock"), job.step]
        .filter(Boolean)
        .join("  ");
    case "running": {
      if (job.killed) return KILLED_TEXT;
      const elapsed = formatDuration(now - (job.startedAt ?? now), "clock");
      return [elapsed, attempt, runningActivity(job, run)].filter(Boolean).join("  ");
    }
  }
}

function runningActivity(job: JobProgress, run: RunProgress): string {
  if (!job.cleaningUp) return job.step ?? "starting Packer";
  return run.forceWarning
    ? "cleaning up cloud resources (Ctrl-C again forces a stop: they may be left behind)"
    : "cleaning up cloud resources (Ctrl-C again to see what forcing leaves)";
}
