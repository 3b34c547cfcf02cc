// The scheduler's slots: at most `concurrency` tasks at once, and `regionConcurrency` in one region.
// A task waiting for its region holds no global slot. When a slot frees up, the longest waiting task
// that can take it starts first (longest expected first keeps a long build from becoming the run's
// tail); among equals, the region with the fewest running tasks, so the first slots go to every region.
export interface SlotTask {
  region: string;
}

export interface Slots<T extends SlotTask> {
  /** Resolves true once the task holds its slots, or false if `signal` aborted first. */
  acquire(task: T, signal: AbortSignal): Promise<boolean>;
  release(task: T): void;
}

interface Waiter<T> {
  task: T;
  seq: number;
  grant: (granted: boolean) => void;
}

export function createSlots<T extends SlotTask>({
  concurrency,
  regionConcurrency,
  expectedMs = () => 0,
}: {
  concurrency: number;
  regionConcurrency: number;
  /** How long the task is expected to take; longer ones start first. */
  expectedMs?: (task: T) => number;
}): Slots<T> {
  const waiting: Waiter<T>[] = [];
  const runningIn = new Map<string, number>();
  let running = 0;
  let seq = 0;
  const inRegion = (region: string) => runningIn.get(region) ?? 0;

  // Deferred to the end of the current turn, so tasks that arrive together are weighed together.
  let pumping = false;
  const schedulePump = () => {
    if (pumping) return;
    pumping = true;
    queueMicrotask(() => {
      pumping = false;
      pump();
    });
  };
  const pump = () => {
    while (running < concurrency) {
      let best: Waiter<T> | undefined;
      for (const waiter of waiting) {
        if (inRegion(waiter.task.region) >= regionConcurrency) continue;
        if (!best || compare(waiter, best) < 0) best = waiter;
      }
      if (!best) return;
      waiting.splice(waiting.indexOf(best), 1);
      running++;
      runningIn.set(best.task.region, inRegion(best.task.region) + 1);
      best.grant(true);
    }
  };
  const compare = (a: Waiter<T>, b: Waiter<T>) =>
    expectedMs(b.task) - expectedMs(a.task) ||
    inRegion(a.task.region) - inRegion(b.task.region) ||
    a.seq - b.seq;

  return {
    acquire(task, signal) {
      if (signal.aborted) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        const waiter: Waiter<T> = {
          task,
          seq: seq++,
          grant: (granted) => {
            signal.removeEventListener("abort", onAbort);
            resolve(granted);
          },
        };
        const onAbort = () => {
          const index = waiting.indexOf(waiter);
          if (index >= 0) waiting.splice(index, 1);
          waiter.grant(false);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        waiting.push(waiter);
        schedulePump();
      });
    },
    release(task) {
      running--;
      runningIn.set(task.region, inRegion(task.region) - 1);
      schedulePump();
    },
  };
}
