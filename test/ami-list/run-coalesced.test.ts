import { describe, expect, it } from "vitest";
import { runCoalesced } from "../../src/ami-list/run-coalesced.ts";

// A task whose runs the test finishes by hand, recording how many ran at once.
function controllableTask() {
  const finishers: (() => void)[] = [];
  let running = 0;
  let maxRunning = 0;
  let runs = 0;
  const task = () =>
    new Promise<number>((resolve) => {
      runs += 1;
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      const run = runs;
      finishers.push(() => {
        running -= 1;
        resolve(run);
      });
    });
  const finishNext = async () => {
    await new Promise((r) => setTimeout(r, 0));
    finishers.shift()?.();
  };
  return { task, finishNext, stats: () => ({ runs, maxRunning }) };
}

describe("runCoalesced", () => {
  it("never runs two at once, and callers waiting for a run to start share it", async () => {
    const { task, finishNext, stats } = controllableTask();
    const run = runCoalesced(task);

    const first = run();
    const sharingFirst = run();
    await new Promise((r) => setTimeout(r, 0));
    const waiting = [run(), run(), run()];
    await finishNext();
    await finishNext();

    expect([await first, await sharingFirst]).toEqual([1, 1]);
    expect(await Promise.all(waiting)).toEqual([2, 2, 2]);
    expect(stats()).toEqual({ runs: 2, maxRunning: 1 });
  });

  it("starts a fresh run for a caller arriving after the last one started", async () => {
    const { task, finishNext, stats } = controllableTask();
    const run = runCoalesced(task);

    const first = run();
    await finishNext();
    expect(await first).toBe(1);
    const second = run();
    await finishNext();

    expect(await second).toBe(2);
    expect(stats().runs).toBe(2);
  });

  it("keeps going after a failed run", async () => {
    let calls = 0;
    const run = runCoalesced(async () => {
      calls += 1;
      if (calls === 1) throw new Error("disk full");
      return calls;
    });

    await expect(run()).rejects.toThrow("disk full");
    expect(await run()).toBe(2);
  });
});
