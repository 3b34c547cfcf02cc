// The one owner of concurrency: a global limit, a limit per region, retries that hold no slot,
// and an interrupt that stops new starts. What an attempt does is passed in.
import pLimit, { type LimitFunction } from "p-limit";
import type { Job, JobOutcome } from "../model/job.ts";
import { interleaveByRegion } from "./interleave-regions.ts";
import { retryDelayMs } from "./retry-delay.ts";
import type { RunEventListener } from "./run-events.ts";

export interface AttemptResult {
  /** `succeeded` has the job's AMIs; `transient` may be retried; `permanent` may not; `interrupted` stopped by Ctrl-C. */
  status: "succeeded" | "transient" | "permanent" | "interrupted";
  amis: Record<string, string>;
  error?: string;
  log: string;
  mayLeak?: boolean;
}

export type RunAttempt = (args: {
  job: Job;
  attempt: number;
  signal: AbortSignal;
}) => Promise<AttemptResult>;

/** Runs after a successful attempt, before the job counts as succeeded (e.g. writes the AMI list cell). */
export type OnSucceeded = (args: { job: Job; result: AttemptResult }) => Promise<void>;

export interface SchedulerOptions {
  jobs: readonly Job[];
  concurrency: number;
  regionConcurrency: number;
  retries: number;
  retryDelayMs: number;
  runAttempt: RunAttempt;
  onSucceeded?: OnSucceeded;
  onEvent?: RunEventListener;
  random?: () => number;
  now?: () => number;
}

export interface Scheduler {
  /** Resolves with one outcome per job, in plan order. */
  done: Promise<JobOutcome[]>;
  /** Start nothing new; running attempts are told through their AbortSignal. */
  interrupt(): void;
  readonly interrupted: boolean;
  /** Ids of jobs whose attempt is running now. */
  running(): string[];
}

export function startScheduler(options: SchedulerOptions): Scheduler {
  const { jobs, concurrency, regionConcurrency, onEvent = () => {}, now = Date.now } = options;
  const global = pLimit(concurrency);
  const regions = new Map<string, LimitFunction>();
  const regionLimit = (region: string) => {
    let limit = regions.get(region);
    if (!limit) {
      limit = pLimit(regionConcurrency);
      regions.set(region, limit);
    }
    return limit;
  };
  const abort = new AbortController();
  const running = new Set<string>();

  const runJob = async (job: Job): Promise<JobOutcome> => {
    // Duration counts from the first attempt's start: time spent queued is not build time.
    let startedAt: number | undefined;
    let last: AttemptResult = { status: "interrupted", amis: {}, log: "" };
    let attempts = 0;
    const outcome = (status: JobOutcome["status"], error?: string): JobOutcome => ({
      job,
      status,
      attempts,
      amis: status === "succeeded" ? last.amis : {},
      ...(error ? { error } : {}),
      log: last.log,
      durationMs: startedAt === undefined ? 0 : now() - startedAt,
      ...(last.mayLeak ? { mayLeak: true } : {}),
    });
    for (let attempt = 1; attempt <= options.retries + 1; attempt++) {
      if (abort.signal.aborted)
        return outcome("interrupted", "interrupted before this attempt started");
      onEvent({ type: "queued", jobId: job.id, attempt });
      // Region first, then global: a job waiting for its region must not hold a global slot.
      const result = await regionLimit(job.region)(() =>
        global(async () => {
          if (abort.signal.aborted) return undefined;
          attempts = attempt;
          startedAt ??= now();
          running.add(job.id);
          try {
            return await options.runAttempt({ job, attempt, signal: abort.signal });
          } finally {
            running.delete(job.id);
          }
        }),
      );
      if (!result) return outcome("interrupted", "interrupted before it started");
      last = result;
      if (result.status === "succeeded") {
        onEvent({ type: "verifying", jobId: job.id, amiId: result.amis[job.region] ?? "" });
        try {
          await options.onSucceeded?.({ job, result });
        } catch (error) {
          return outcome("failed", error instanceof Error ? error.message : String(error));
        }
        return outcome("succeeded");
      }
      if (result.status === "interrupted")
        return outcome("interrupted", result.error ?? "interrupted");
      const canRetry = result.status === "transient" && attempt <= options.retries;
      if (!canRetry || abort.signal.aborted) return outcome("failed", result.error);
      const delayMs = retryDelayMs({
        retryNumber: attempt,
        baseMs: options.retryDelayMs,
        random: options.random,
      });
      onEvent({
        type: "retrying",
        jobId: job.id,
        attempt,
        nextAttempt: attempt + 1,
        delayMs,
        reason: result.error ?? "transient failure",
      });
      await sleep(delayMs, abort.signal);
    }
    return outcome("failed", last.error);
  };

  // Jobs queue round-robin across regions; outcomes still come back in plan order.
  const outcomes = new Map(
    interleaveByRegion(jobs).map((job) => [
      job.id,
      runJob(job).then((result) => {
        onEvent({ type: "finished", outcome: result });
        return result;
      }),
    ]),
  );
  const done = Promise.all(jobs.map((job) => outcomes.get(job.id) as Promise<JobOutcome>));
  return {
    done,
    interrupt: () => abort.abort(),
    get interrupted() {
      return abort.signal.aborted;
    },
    running: () => [...running],
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      signal.removeEventListener("abort", finish);
      resolve();
    }
    signal.addEventListener("abort", finish);
  });
}
