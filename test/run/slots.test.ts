import { describe, expect, it } from "vitest";
import { createSlots } from "../../src/run/slots.ts";

interface Task {
  id: string;
  region: string;
  ms?: number;
}

// Takes every task in order and records which ones got a slot at once, without releasing any.
async function firstGranted(
  tasks: Task[],
  limits: { concurrency: number; regionConcurrency: number },
  laterWork?: (region: string) => number,
) {
  const slots = createSlots<Task>({ ...limits, workAhead: (t) => t.ms ?? 0, laterWork });
  const granted: string[] = [];
  const signal = new AbortController().signal;
  for (const task of tasks) void slots.acquire(task, signal).then(() => granted.push(task.id));
  await new Promise((resolve) => setImmediate(resolve));
  return { granted, slots };
}

describe("slots", () => {
  it("hold the global and the region limit, and spread the first slots over every region", async () => {
    const tasks = ["a", "a", "a", "b", "b", "c"].map((region, i) => ({ id: `t${i}`, region }));
    const { granted } = await firstGranted(tasks, { concurrency: 4, regionConcurrency: 2 });
    expect(granted).toEqual(["t0", "t3", "t5", "t1"]);
  });

  it("give a freed slot to the region with the most work left, and there to its longest task", async () => {
    const tasks: Task[] = [
      { id: "short-a", region: "a", ms: 1 },
      { id: "long-a", region: "a", ms: 9 },
      { id: "long-b", region: "b", ms: 8 },
      { id: "mid-b", region: "b", ms: 5 },
    ];
    const { granted, slots } = await firstGranted(tasks, { concurrency: 1, regionConcurrency: 1 });
    // b has 13 to do, a 10: b's longest goes first although a has the longest task; then a (10 against 5).
    expect(granted).toEqual(["long-b"]);
    for (const done of [tasks[2], tasks[1], tasks[3]] as Task[]) {
      slots.release(done);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(granted).toEqual(["long-b", "long-a", "mid-b", "short-a"]);
  });

  it("count a region's work that will ask later, e.g. builds waiting for their base", async () => {
    const tasks: Task[] = [
      { id: "a", region: "a", ms: 5 },
      { id: "b", region: "b", ms: 3 },
    ];
    const later = (region: string) => (region === "b" ? 4 : 0);
    const { granted } = await firstGranted(tasks, { concurrency: 1, regionConcurrency: 1 }, later);
    expect(granted).toEqual(["b"]);
  });

  it("let an aborted wait go without taking a slot", async () => {
    const slots = createSlots<Task>({ concurrency: 1, regionConcurrency: 1 });
    const first = { id: "1", region: "a" };
    const abort = new AbortController();
    expect(await slots.acquire(first, abort.signal)).toBe(true);
    const waiting = slots.acquire({ id: "2", region: "a" }, abort.signal);
    abort.abort();
    expect(await waiting).toBe(false);
    expect(await slots.acquire({ id: "3", region: "b" }, abort.signal)).toBe(false);
  });
});
