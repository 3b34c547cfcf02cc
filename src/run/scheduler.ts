// The one owner of concurrency: a global limit, a limit per region, retries that hold no slot,
// tasks that wait for the tasks they need, and an interrupt that stops new starts. Which ready task
// starts first is the slots' rule, weighed with what each task holds up (work-ahead.ts). What a task
// is and what an attempt does are passed in, and each outcome carries the task it was given, so
// nothing is looked up again by id.
import { errorMessage } from "../errors.ts";
import type { JobStatus } from "../model/job.ts";
import { type Broadcast, createBroadcast } from "./broadcast.ts";
import { retryDelayMs } from "./retry-delay.ts";
import type {
  AttemptResult,
  Scheduler,
  SchedulerOptions,
  SchedulerTask,
  TaskOutcome,
} from "./scheduler-contract.ts";
import { createSlots } from "./slots.ts";
import { workAhead } from "./work-ahead.ts";

export type {
  AttemptResult,
  OnSucceeded,
  RunAttempt,
  Scheduler,
  SchedulerEvent,
  SchedulerOptions,
  SchedulerTask,
  TaskOutcome,
} from "./scheduler-contract.ts";

export function startScheduler<T extends SchedulerTask>(
  options: SchedulerOptions<T>,
): Scheduler<T> {
  const { tasks, concurrency, regionConcurrency, onEvent = () => {}, now = Date.now } = options;
  const ahead = workAhead(tasks);
  // Tasks that have not asked for a slot yet: their work counts for their region all the same.
  const notQueued = new Set(tasks.filter((task) => !task.settled));
  const slots = createSlots<T>({
    concurrency,
    regionConcurrency,
    workAhead: (task) => ahead.get(task.id) ?? 0,
    laterWork: (region) => {
      let ms = 0;
      for (const task of notQueued) if (task.region === region) ms += ahead.get(task.id) ?? 0;
      return ms;
    },
  });
  const interrupt = createBroadcast();
  const running = new Set<string>();
  const outcomes = new Map<string, Promise<TaskOutcome<T>>>();

  // A task that needs others (a layered image, a copy) waits for them before it queues.
  const runTask = async (task: T): Promise<TaskOutcome<T>> => {
    if (task.settled) return settledOutcome(task, task.settled);
    const needed = new Map<string, TaskOutcome<T>>();
    for (const id of task.needs ?? []) {
      const other = await outcomes.get(id);
      if (!other) continue;
      if (other.status === "interrupted" || interrupt.fired)
        return { ...notBuilt(task, "interrupted before it started"), status: "interrupted" };
      if (other.status !== "succeeded" && other.status !== "unchanged")
        return notBuilt(
          task,
          `not built because ${id} ${other.status === "skipped" ? "was not built" : other.status}`,
        );
      needed.set(id, other);
    }
    return attemptTask(task, needed);
  };

  const attemptTask = async (
    task: T,
    needed: ReadonlyMap<string, TaskOutcome<T>>,
  ): Promise<TaskOutcome<T>> => {
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
      notQueued.delete(task);
      const waiting = interrupt.follow();
      const granted = await slots.acquire(task, waiting.signal);
      waiting.done();
      if (!granted) return outcome("interrupted", "interrupted before it started");
      let result: AttemptResult;
      attempts = attempt;
      startedAt ??= now();
      running.add(task.id);
      const interrupted = interrupt.follow();
      try {
        result = await options.runAttempt({ task, attempt, signal: interrupted.signal, needed });
      } finally {
        interrupted.done();
        running.delete(task.id);
        slots.release(task);
      }
      last = result;
      if (result.status === "succeeded") {
        onEvent({ type: "verifying", jobId: task.id, amiId: result.amis[task.region] ?? "" });
        try {
          await options.onSucceeded?.({
            task,
            attempt: attempts,
            result,
            durationMs: now() - (startedAt ?? now()),
          });
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

  // Every task's outcome is known to the others before any starts; they come back in plan order.
  const settle: ((outcome: TaskOutcome<T>) => void)[] = [];
  for (const task of tasks) outcomes.set(task.id, new Promise((resolve) => settle.push(resolve)));
  tasks.forEach((task, index) => {
    runTask(task).then((result) => {
      notQueued.delete(task);
      options.onFinished?.(result);
      settle[index]?.(result);
    });
  });
  const done = Promise.all(tasks.map((task) => outcomes.get(task.id) as Promise<TaskOutcome<T>>));
  return {
    done,
    interrupt: () => interrupt.fire(),
    get interrupted() {
      return interrupt.fired;
    },
    running: () => [...running],
  };
}

function settledOutcome<T extends SchedulerTask>(
  task: T,
  settled: NonNullable<SchedulerTask["settled"]>,
): TaskOutcome<T> {
  if (settled.status === "skipped") return notBuilt(task, settled.error);
  return { task, status: settled.status, attempts: 0, amis: settled.amis, log: "", durationMs: 0 };
}

// A task whose dependency was not built is skipped, not failed: the dependency's failure is the news.
function notBuilt<T extends SchedulerTask>(task: T, error: string): TaskOutcome<T> {
  return { task, status: "skipped", attempts: 0, amis: {}, error, log: "", durationMs: 0 };
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
