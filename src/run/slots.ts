// The scheduler's slots: at most `concurrency` tasks at once, and `regionConcurrency` in one region.
// A task waiting for its region holds no global slot. When a slot frees up, it goes to the region with
// the most work still to start, and there to the task holding up the most work: a region can use only
// its own slots, so one left with much work at the end is the run's tail (`npm run bench:graph`: 1.12×
// the lower bound with longest first alone, 1.03–1.04× with this). Among equals, the region with the
// fewest running tasks, so the first slots go to every region.
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
  workAhead = () => 0,
  laterWork = () => 0,
}: {
  concurrency: number;
  regionConcurrency: number;
  /** The task's expected time plus the longest chain of tasks waiting for it (see work-ahead.ts). */
  workAhead?: (task: T) => number;
  /** Work of the region's tasks that will ask for a slot later (they wait for tasks they need). */
  laterWork?: (region: string) => number;
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
      const toStart = new Map<string, number>();
      for (const { task } of waiting)
        toStart.set(
          task.region,
          (toStart.get(task.region) ?? laterWork(task.region)) + workAhead(task),
        );
      const compare = (a: Waiter<T>, b: Waiter<T>) =>
        (toStart.get(b.task.region) ?? 0) - (toStart.get(a.task.region) ?? 0) ||
        workAhead(b.task) - workAhead(a.task) ||
        inRegion(a.task.region) - inRegion(b.task.region) ||
        a.seq - b.seq;
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
