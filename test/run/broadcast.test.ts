// A run's interrupt and its third Ctrl-C reach every waiting job without piling listeners on one
// AbortSignal: Node warns past 10 (MaxListenersExceededWarning), and a 32-job run printed that warning.
import { describe, expect, it } from "vitest";
import { createBroadcast } from "../../src/run/broadcast.ts";
import { startScheduler } from "../../src/run/scheduler.ts";

async function warningsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const warnings: string[] = [];
  const listen = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on("warning", listen);
  try {
    await work();
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on a later tick
  } finally {
    process.off("warning", listen);
  }
  return warnings;
}

describe("createBroadcast", () => {
  it("aborts every follower's own signal when fired, and later followers at once", () => {
    const broadcast = createBroadcast();
    const followers = Array.from({ length: 40 }, () => broadcast.follow());
    const gone = followers[0];
    gone?.done();
    broadcast.fire();
    expect(broadcast.fired).toBe(true);
    expect(followers.slice(1).every((f) => f.signal.aborted)).toBe(true);
    expect(gone?.signal.aborted).toBe(false);
    expect(broadcast.follow().signal.aborted).toBe(true);
  });
});

it("a scheduler with 32 jobs running and 32 waiting to retry emits no MaxListenersExceededWarning", async () => {
  const tasks = Array.from({ length: 32 }, (_, i) => ({ id: `job${i}`, region: `r${i % 8}` }));
  let running = 0;
  let release: () => void = () => {};
  const allRunning = new Promise<void>((resolve) => {
    release = resolve;
  });
  const warnings = await warningsDuring(async () => {
    const scheduler = startScheduler({
      tasks,
      concurrency: 32,
      regionConcurrency: 4,
      retries: 1,
      retryDelayMs: 20,
      runAttempt: async ({ attempt, signal }) => {
        // Like a Packer attempt: it listens for the interrupt while it runs.
        const onAbort = () => {};
        signal.addEventListener("abort", onAbort);
        try {
          if (attempt === 1) {
            running++;
            if (running === 32) release();
            await allRunning;
            return { status: "transient", amis: {}, log: "" };
          }
          return { status: "succeeded", amis: {}, log: "" };
        } finally {
          signal.removeEventListener("abort", onAbort);
        }
      },
    });
    const outcomes = await scheduler.done;
    expect(outcomes.every((o) => o.status === "succeeded")).toBe(true);
  });
  expect(warnings).toEqual([]);
});
