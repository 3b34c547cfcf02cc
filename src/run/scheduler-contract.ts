// What the scheduler is handed and hands back: the tasks, the attempt it runs for each, and the outcomes.
// Apart from the scheduler itself, so a caller reads the contract without its workings.
import type { Outcome } from "../model/job.ts";
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
  /** Ids of tasks whose outcome this one needs first; it is skipped if any of them is not built. */
  needs?: readonly string[];
  /**
   * Done before the run starts, taking no slot and running no attempt: its AMI found unchanged, or
   * skipped by the plan (a file it requires is missing), with the reason.
   */
  settled?:
    | { status: "unchanged"; amis: Record<string, string> }
    | { status: "skipped"; error: string };
  /** How long an attempt is expected to take; see slots.ts for the order tasks start in. */
  expectedMs?: number;
}

export interface TaskOutcome<T extends SchedulerTask> extends Outcome {
  task: T;
}

export type RunAttempt<T extends SchedulerTask> = (args: {
  task: T;
  attempt: number;
  signal: AbortSignal;
  /** The outcomes of the tasks it needs, succeeded or unchanged, by id. */
  needed: ReadonlyMap<string, TaskOutcome<T>>;
}) => Promise<AttemptResult>;

/** Runs after a successful attempt, before the task counts as succeeded (e.g. writes the AMI list cell). */
export type OnSucceeded<T extends SchedulerTask> = (args: {
  task: T;
  attempt: number;
  result: AttemptResult;
  /** From the first attempt's start to now. */
  durationMs: number;
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
