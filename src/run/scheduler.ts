// The one owner of concurrency: a global limit, a limit per region, retries that hold no slot,
// and an interrupt that stops new starts. What a task is and what an attempt does are passed in,
// and each outcome carries the task it was given, so nothing is looked up again by id.

import pLimit, { type LimitFunction } from "p-limit";
import { errorMessage } from "../errors.ts";
import type { JobStatus, Outcome } from "../model/job.ts";
import { type Broadcast, createBroadcast } from "./broadcast.ts";
import { interleaveByRegion } from "./interleave-regions.ts";
import { retryDelayMs } from "./retry-delay.ts";
import type { RunEvent } from "./run-events.ts";

export interface AttemptResult {
  /** `succeeded` has the job's AMIs; `transient` may be retried; `permanent` may not; `interrupted` stopped by Ctrl-C. */
  status: "succeeded" | "transient" | "permanent" | "interrupted";
  amis: Record<string, string>;
  error?: string;
  log: string;
  mayLeak?: boolean;
}

/** What the scheduler needs to know of a task: its id (for events) and the region whose limit it takes. */
export interface SchedulerTask {
  id: string;
  region: string;
}

export interface TaskOutcome<T extends SchedulerTask> extends Outcome {
  task: T;
}

export type RunAttempt<T extends SchedulerTask> = (args: {
  task: T;
  attempt: number;
  signal: AbortSignal;
}) => Promise<AttemptResult>;

/** Runs after a successful attempt, before the task counts as succeeded (e.g. writes the AMI list cell). */
export type OnSucceeded<T extends SchedulerTask> = (args: {
  task: T;
  attempt: number;
  result: AttemptResult;
}) => Promise<void>;

/** Everything the scheduler tells the world but a task's end, which comes typed with its task. */
export type SchedulerEvent = Exclude<RunEvent, { type: "finished" }>;

export interface SchedulerOptions<T extends SchedulerTask> {
  /** In plan order; outcomes come back in this order. */
  tasks: readonly T[];
  concurrency: number;
  regionConcurrency: number;
  retries: number;
  retryDelayMs: number;
  runAttempt: RunAttempt<T>;
  onSucceeded?: OnSucceeded<T>;
  onEvent?: (event: SchedulerEvent) => void;
  /** A task is done for this run, whatever its status. */
  onFinished?: (outcome: TaskOutcome<T>) => void;
  random?: () => number;
  now?: () => number;
}

export interface Scheduler<T extends SchedulerTask> {
  /** Resolves with one outcome per task, in plan order. */
  done: Promise<TaskOutcome<T>[]>;
  /** Start nothing new; running attempts are told through their AbortSignal. */
  interrupt(): void;
  readonly interrupted: boolean;
  /** Ids of tasks whose attempt is running now. */
  running(): string[];
}

export function startScheduler<T extends SchedulerTask>(
  options: SchedulerOptions<T>,
): Scheduler<T> {
  const { tasks, concurrency, regionConcurrency, onEvent = () => {}, now = Date.now } = options;
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
  const interrupt = createBroadcast();
  const running = new Set<string>();

  // A task that waits for others (a layered image, a copy) will wait for them here, before it queues.
  const runTask = async (task: T): Promise<TaskOutcome<T>> => {
    let startedAt: number | undefined;
    let last: AttemptResult = { status: "interrupted", amis: {}, log: "" };
    let attempts = 0;
    // What Packer built stays in the outcome when it could not be recorded after: never lose an AMI id.
    const outcome = (
      status: JobStatus,
      error?: string,
      amis: Record<string, string> = status === "succeeded" ? last.amis : {},
    ): TaskOutcome<T> => ({
      task,
      status,
      attempts,
      amis,
      ...(error ? { error } : {}),
      log: last.log,
      durationMs: startedAt === undefined ? 0 : now() - startedAt,
      ...(last.mayLeak ? { mayLeak: true } : {}),
    });
    for (let attempt = 1; attempt <= options.retries + 1; attempt++) {
      if (interrupt.fired) return outcome("interrupted", "interrupted before this attempt started");
      onEvent({ type: "queued", jobId: task.id, attempt });
      // Region first, then global: a job waiting for its region must not hold a global slot.
      const result = await regionLimit(task.region)(() =>
        global(async () => {
          if (interrupt.fired) return undefined;
          attempts = attempt;
          startedAt ??= now();
          running.add(task.id);
          const interrupted = interrupt.follow();
          try {
            return await options.runAttempt({ task, attempt, signal: interrupted.signal });
          } finally {
            interrupted.done();
            running.delete(task.id);
          }
        }),
      );
      if (!result) return outcome("interrupted", "interrupted before it started");
      last = result;
      if (result.status === "succeeded") {
        onEvent({ type: "verifying", jobId: task.id, amiId: result.amis[task.region] ?? "" });
        try {
          await options.onSucceeded?.({ task, attempt: attempts, result });
        } catch (error) {
          return outcome("failed", errorMessage(error), result.amis);
        }
        return outcome("succeeded");
      }
      if (result.status === "interrupted")
        return outcome("interrupted", result.error ?? "interrupted");
      const canRetry = result.status === "transient" && attempt <= options.retries;
      if (!canRetry || interrupt.fired) return outcome("failed", result.error);
      const delayMs = retryDelayMs({
        retryNumber: attempt,
        baseMs: options.retryDelayMs,
        random: options.random,
      });
      onEvent({
        type: "retrying",
        jobId: task.id,
        attempt,
        nextAttempt: attempt + 1,
        delayMs,
        reason: result.error ?? "transient failure",
      });
      await sleep(delayMs, interrupt);
    }
    return outcome("failed", last.error);
  };

  // Tasks queue round-robin across regions; outcomes still come back in plan order.
  const outcomes = new Map(
    interleaveByRegion(tasks).map((task) => [
      task,
      runTask(task).then((result) => {
        options.onFinished?.(result);
        return result;
      }),
    ]),
  );
  const done = Promise.all(tasks.map((task) => outcomes.get(task) as Promise<TaskOutcome<T>>));
  return {
    done,
    interrupt: () => interrupt.fire(),
    get interrupted() {
      return interrupt.fired;
    },
    running: () => [...running],
  };
}

// Ends early on an interrupt.
function sleep(ms: number, interrupt: Broadcast): Promise<void> {
  const { signal, done } = interrupt.follow();
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      done();
      resolve();
    }
    signal.addEventListener("abort", finish, { once: true });
  });
}
