import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createProgressDisplay } from "../../src/progress/progress-display.ts";
import { captureStream } from "./capture-stream.ts";
import { basePv, JOBS, outcomeOf, spark, sparkEu } from "./run-events.ts";

interface Logged {
  event: string;
  data: unknown;
  task: { title?: string; hasTitle: boolean };
}

// The display on listr2's test renderer, which logs every task event as a JSON line.
function startTestDisplay() {
  const { stream, asWriteStream } = captureStream();
  const display = createProgressDisplay({
    jobs: JOBS,
    mode: "interactive",
    renderer: "test",
    stream: asWriteStream,
    maxAttempts: 3,
  });
  const logged = (): Logged[] =>
    stream.text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Logged);
  const ofJob = (id: string) => logged().filter((entry) => entry.task.title?.startsWith(`${id} `));
  const titles = () => logged().filter((entry) => entry.event === "TITLE");
  return {
    display,
    title: (id: string) => ofJob(id).at(-1)?.task.title,
    /** The job's line was last blanked: listr2 draws no line for it. */
    hidden: (id: string) => {
      const all = titles();
      const mine = all.findLastIndex((entry) => entry.task.title?.startsWith(`${id} `));
      return all.slice(mine + 1).some((entry) => entry.task.title?.trim() === "");
    },
    state: (id: string) => ofJob(id).findLast((entry) => entry.event === "STATE")?.data,
    message: (id: string) => ofJob(id).findLast((entry) => entry.event === "MESSAGE")?.data,
    status: () =>
      logged().findLast((entry) => !entry.task.hasTitle && entry.event === "OUTPUT")?.data,
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2025, 0, 2, 21, 4, 0) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("interactive progress", () => {
  it("shows each job's step, attempt and elapsed time, and the counts, as the events come", async () => {
    const view = startTestDisplay();
    view.display.onEvent({ type: "queued", jobId: spark.id, attempt: 1 });
    view.display.onEvent({ type: "started", jobId: spark.id, attempt: 1, log: "a.log" });
    await vi.advanceTimersByTimeAsync(3_000);
    view.display.onEvent({
      type: "step",
      jobId: spark.id,
      text: "Launching a source AWS instance...",
    });

    expect(view.title(spark.id)).toBe(
      "spark/us-east-1/hvm  3s  Launching a source AWS instance...",
    );
    // A queued job has no line of its own: the counts say how many wait.
    expect(view.title(sparkEu.id)).toBeUndefined();
    expect(view.status()).toBe("3 jobs: 0 done, 1 running, 2 queued, 0 failed");

    view.display.onEvent({
      type: "retrying",
      jobId: spark.id,
      attempt: 1,
      nextAttempt: 2,
      delayMs: 12_000,
      reason: "RequestLimitExceeded: Request limit exceeded.\nstatus code: 503",
    });
    expect(view.title(spark.id)).toBe(
      "spark/us-east-1/hvm  retry in 12s: RequestLimitExceeded: Request limit exceeded.",
    );
    await vi.advanceTimersByTimeAsync(5_000);
    expect(view.title(spark.id)).toBe(
      "spark/us-east-1/hvm  retry in 7s: RequestLimitExceeded: Request limit exceeded.",
    );

    await vi.advanceTimersByTimeAsync(7_000);
    view.display.onEvent({ type: "queued", jobId: spark.id, attempt: 2 });
    expect(view.hidden(spark.id)).toBe(true);
    view.display.onEvent({ type: "started", jobId: spark.id, attempt: 2, log: "b.log" });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(view.title(spark.id)).toBe("spark/us-east-1/hvm  1m 15s  attempt 2/3  starting Packer");

    await view.display.finish();
  });

  it("ends a failed job's task with its id in the error while the others succeed", async () => {
    const view = startTestDisplay();
    for (const job of JOBS)
      view.display.onEvent({ type: "started", jobId: job.id, attempt: 1, log: "x.log" });
    await vi.advanceTimersByTimeAsync(0);
    view.display.onEvent({
      type: "finished",
      outcome: outcomeOf(sparkEu, {
        status: "failed",
        attempts: 2,
        error: "UnauthorizedOperation: You are not authorized.\nEncoded message: xyz",
      }),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(view.state(sparkEu.id)).toBe("FAILED");
    expect(view.message(sparkEu.id)).toEqual({
      error:
        "spark/eu-west-1/hvm  FAILED after 2 attempts: UnauthorizedOperation: You are not authorized.",
    });

    view.display.onEvent({ type: "step", jobId: spark.id, text: "Creating AMI" });
    expect(view.title(spark.id)).toBe("spark/us-east-1/hvm  0s  Creating AMI");
    view.display.onEvent({
      type: "finished",
      outcome: outcomeOf(spark, { amis: { "us-east-1": "ami-0abc" }, durationMs: 65_000 }),
    });
    view.display.onEvent({
      type: "finished",
      outcome: outcomeOf(basePv, { status: "skipped", attempts: 0, error: "AMI exists" }),
    });
    await view.display.finish();

    expect(view.state(spark.id)).toBe("COMPLETED");
    expect(view.title(spark.id)).toBe("spark/us-east-1/hvm  succeeded: ami-0abc (1m 05s)");
    expect(view.state(basePv.id)).toBe("SKIPPED");
    expect(view.message(basePv.id)).toEqual({ skip: "base/us-west-2/pv    skipped: AMI exists" });
    expect(view.status()).toBe("3 jobs: 2 done, 0 running, 0 queued, 1 failed");
  });

  it("shows what Ctrl-C is doing, warns before forcing, and marks killed jobs", async () => {
    const view = startTestDisplay();
    view.display.onEvent({ type: "started", jobId: spark.id, attempt: 1, log: "a.log" });
    view.display.onEvent({ type: "started", jobId: sparkEu.id, attempt: 1, log: "b.log" });
    await vi.advanceTimersByTimeAsync(0);
    view.display.onEvent({
      type: "interrupting",
      signal: "SIGINT",
      cleaningUp: [spark.id, sparkEu.id],
      killAfterMs: 120_000,
    });
    expect(view.title(spark.id)).toBe(
      "spark/us-east-1/hvm  0s  cleaning up cloud resources (Ctrl-C again to see what forcing leaves)",
    );
    await vi.advanceTimersByTimeAsync(30_000);
    expect(view.status()).toBe(
      "3 jobs: 0 done, 2 running, 1 queued, 0 failed\nSIGINT: no new build starts; 2 builds are cleaning up cloud resources, killed in 1m 30s if not done. Ctrl-C again to see what forcing leaves",
    );

    view.display.onEvent({
      type: "finished",
      outcome: outcomeOf(sparkEu, {
        status: "interrupted",
        attempts: 1,
        error: "interrupted; Packer cleaned up and exited",
      }),
    });
    view.display.onEvent({ type: "force-warning", cleaningUp: [spark.id] });
    expect(view.status()).toBe(
      "3 jobs: 0 done, 1 running, 1 queued, 0 failed, 1 interrupted\nWARNING: Ctrl-C again kills 1 build now; its cloud resources may be left behind: spark/us-east-1/hvm",
    );
    view.display.onEvent({ type: "killed", jobId: spark.id, reason: "forced" });
    expect(view.title(spark.id)).toBe(
      "spark/us-east-1/hvm  killed: cloud resources may be left behind",
    );
    view.display.onEvent({
      type: "finished",
      outcome: outcomeOf(spark, { status: "interrupted", attempts: 1, mayLeak: true }),
    });
    await view.display.finish();

    expect(view.state(spark.id)).toBe("FAILED");
    expect(view.message(spark.id)).toEqual({
      error: "spark/us-east-1/hvm  killed: cloud resources may be left behind",
    });
    expect(view.message(sparkEu.id)).toEqual({
      skip: "spark/eu-west-1/hvm  interrupted; Packer cleaned up and exited",
    });
    // No `finished` event came for it: the run ended while it waited.
    expect(view.message(basePv.id)).toEqual({
      skip: "base/us-west-2/pv    not started (interrupted)",
    });
  });

  it("stops its ticker when finished, and leaves Ctrl-C to the run", async () => {
    const sigintListeners = process.listenerCount("SIGINT");
    const view = startTestDisplay();
    expect(process.listenerCount("SIGINT")).toBe(sigintListeners);
    expect(vi.getTimerCount()).toBe(1);

    await view.display.finish();
    await view.display.finish();

    expect(vi.getTimerCount()).toBe(0);
    expect(view.state(spark.id)).toBe("SKIPPED");
  });
});
