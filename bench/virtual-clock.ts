// A clock that jumps: code that only waits on promises runs against it in no real time and the same
// way on every run, so a schedule's makespan is a property of the scheduler, not of the machine's load.

export interface VirtualClock {
  now(): number;
  /** Resolves once the clock reaches now() + ms. */
  wait(ms: number): Promise<void>;
}

interface Timer {
  atMs: number;
  seq: number;
  resolve: () => void;
}

/**
 * Runs `work` with a clock that starts at 0. Whenever everything that can run without time passing has
 * run (all promise chains settled), the clock jumps to the next timer and wakes every timer due then.
 * `work` must wait only on this clock and on promises: a real timer or I/O would be jumped over.
 */
export async function onVirtualClock<T>(work: (clock: VirtualClock) => Promise<T>): Promise<T> {
  const timers: Timer[] = [];
  let time = 0;
  let seq = 0;
  const clock: VirtualClock = {
    now: () => time,
    wait: (ms) =>
      new Promise((resolve) => {
        timers.push({ atMs: time + Math.max(0, ms), seq: seq++, resolve });
      }),
  };
  let settled = false;
  const result = work(clock).finally(() => {
    settled = true;
  });
  // Keeps an early rejection from being reported as unhandled while the loop runs.
  result.catch(() => {});
  for (;;) {
    // One macrotask later, every microtask queued before it has run: the program is idle.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (settled) return result;
    timers.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
    const next = timers[0];
    if (!next) throw new Error("virtual clock: the work waits on something that is not a timer");
    time = next.atMs;
    while (timers[0]?.atMs === time) timers.shift()?.resolve();
  }
}
