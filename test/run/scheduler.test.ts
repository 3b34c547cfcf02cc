import { describe, expect, it } from "vitest";
import type { Job } from "../../src/model/job.ts";
import type { RunEvent } from "../../src/run/run-events.ts";
import { type AttemptResult, type RunAttempt, startScheduler } from "../../src/run/scheduler.ts";

function jobsFor(regions: string[], perRegion: number): Job[] {
  return regions.flatMap((region) =>
    Array.from(
      { length: perRegion },
      (_, i) => ({ id: `img${i}/${region}/hvm`, image: `img${i}`, region }) as Job,
    ),
  );
}

const ok = (job: Job): AttemptResult => ({
  status: "succeeded",
  amis: { [job.region]: "ami-12345678" },
  log: "x.log",
});
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

// An attempt that records how many attempts run at once, overall and per region.
function recorder(result: (job: Job, attempt: number) => AttemptResult = ok, durationMs = 10) {
  const stats = { peak: 0, peakByRegion: new Map<string, number>(), calls: [] as string[] };
  let active = 0;
  const byRegion = new Map<string, number>();
  const runAttempt: RunAttempt<Job> = async ({ task: job, attempt }) => {
    stats.calls.push(`${job.id}#${attempt}`);
    active++;
    byRegion.set(job.region, (byRegion.get(job.region) ?? 0) + 1);
    stats.peak = Math.max(stats.peak, active);
    stats.peakByRegion.set(
      job.region,
      Math.max(stats.peakByRegion.get(job.region) ?? 0, byRegion.get(job.region) ?? 0),
    );
    await tick(durationMs);
    active--;
    byRegion.set(job.region, (byRegion.get(job.region) ?? 0) - 1);
    return result(job, attempt);
  };
  return { stats, runAttempt };
}

describe("scheduler", () => {
  it("never runs more than the global limit, and spreads the first slots over every region", async () => {
    const { stats, runAttempt } = recorder();
    const jobs = jobsFor(["a", "b", "c", "d", "e", "f", "g", "h"], 4);
    const outcomes = await startScheduler({
      tasks: jobs,
      concurrency: 8,
      regionConcurrency: 2,
      retries: 0,
      retryDelayMs: 0,
      runAttempt,
    }).done;
    expect(outcomes.map((o) => o.task.id)).toEqual(jobs.map((j) => j.id)); // plan order
    expect(outcomes.map((o) => o.status)).toEqual(Array(32).fill("succeeded"));
    expect(stats.peak).toBe(8);
    expect(new Set(stats.calls.slice(0, 8).map((c) => c.split("/")[1])).size).toBe(8);
  });

  it("never runs more than the region limit in one region", async () => {
    const { stats, runAttempt } = recorder();
    const jobs = jobsFor(["a", "b"], 6);
    await startScheduler({
      tasks: jobs,
      concurrency: 8,
      regionConcurrency: 2,
      retries: 0,
      retryDelayMs: 0,
      runAttempt,
    }).done;
    expect(stats.peak).toBe(4);
    expect([...stats.peakByRegion.values()]).toEqual([2, 2]);
  });

  it("does not let jobs waiting for a busy region hold global slots", async () => {
    // 6 jobs in region a (limit 2), then 2 in region b: b must start while a's jobs still wait.
    const { stats, runAttempt } = recorder(ok, 30);
    const jobs = [...jobsFor(["a"], 6), ...jobsFor(["b"], 2)];
    await startScheduler({
      tasks: jobs,
      concurrency: 4,
      regionConcurrency: 2,
      retries: 0,
      retryDelayMs: 0,
      runAttempt,
    }).done;
    expect(stats.calls.slice(0, 4).sort()).toEqual([
      "img0/a/hvm#1",
      "img0/b/hvm#1",
      "img1/a/hvm#1",
      "img1/b/hvm#1",
    ]);
  });

  it("retries transient failures with backoff, holding no slot while waiting", async () => {
    const events: RunEvent[] = [];
    const { stats, runAttempt } = recorder((job, attempt) =>
      job.region === "a" && attempt < 3
        ? { status: "transient", amis: {}, error: "RequestLimitExceeded", log: "l" }
        : ok(job),
    );
    const jobs = jobsFor(["a", "b"], 1);
    const outcomes = await startScheduler({
      tasks: jobs,
      concurrency: 1,
      regionConcurrency: 1,
      retries: 2,
      retryDelayMs: 20,
      runAttempt,
      onEvent: (e) => events.push(e),
      random: () => 0,
    }).done;
    expect(outcomes.map((o) => [o.task.id, o.status, o.attempts])).toEqual([
      ["img0/a/hvm", "succeeded", 3],
      ["img0/b/hvm", "succeeded", 1],
    ]);
    // b ran while a waited for its retry, with a global limit of 1.
    expect(stats.calls).toEqual(["img0/a/hvm#1", "img0/b/hvm#1", "img0/a/hvm#2", "img0/a/hvm#3"]);
    const delays = events.flatMap((e) => (e.type === "retrying" ? [e.delayMs] : []));
    expect(delays).toEqual([20, 40]);
  });

  it("gives up after the retries and does not retry permanent failures", async () => {
    const { stats, runAttempt } = recorder((job) =>
      job.region === "a"
        ? { status: "transient", amis: {}, error: "Throttling", log: "l" }
        : { status: "permanent", amis: {}, error: "AuthFailure", log: "l" },
    );
    const outcomes = await startScheduler({
      tasks: jobsFor(["a", "b"], 1),
      concurrency: 2,
      regionConcurrency: 1,
      retries: 2,
      retryDelayMs: 1,
      runAttempt,
    }).done;
    expect(outcomes.map((o) => [o.status, o.attempts, o.error])).toEqual([
      ["failed", 3, "Throttling"],
      ["failed", 1, "AuthFailure"],
    ]);
    expect(stats.calls.filter((c) => c.includes("/b/"))).toHaveLength(1);
  });

  it("starts first the task others wait for, counting their work as its own", async () => {
    const { stats, runAttempt } = recorder(ok, 1);
    const task = (id: string, region: string, expectedMs: number, needs: string[] = []) =>
      ({ id, region, expectedMs, needs }) as Job & { expectedMs: number; needs: string[] };
    await startScheduler({
      // Alone, "other" is longer than "base"; with the build that waits for it, base holds up more.
      tasks: [
        task("other/y/hvm", "y", 5),
        task("base/x/hvm", "x", 1),
        task("spark/x/hvm", "x", 9, ["base/x/hvm"]),
      ],
      concurrency: 1,
      regionConcurrency: 1,
      retries: 0,
      retryDelayMs: 0,
      runAttempt,
    }).done;
    // The slot base frees goes to "other": spark only asks once base's AMI is verified and written.
    expect(stats.calls).toEqual(["base/x/hvm#1", "other/y/hvm#1", "spark/x/hvm#1"]);
  });

  it("fails a job whose result could not be recorded", async () => {
    const { runAttempt } = recorder();
    const [outcome] = await startScheduler({
      tasks: jobsFor(["a"], 1),
      concurrency: 1,
      regionConcurrency: 1,
      retries: 0,
      retryDelayMs: 0,
      runAttempt,
      onSucceeded: async () => {
        throw new Error("cannot write ami-list/a");
      },
    }).done;
    expect(outcome).toMatchObject({ status: "failed", error: "cannot write ami-list/a", amis: {} });
  });

  it("starts nothing after an interrupt and lets running attempts finish their cleanup", async () => {
    const seenSignals: boolean[] = [];
    const runAttempt: RunAttempt<Job> = async ({ task: job, signal }) => {
      await new Promise((resolve) => signal.addEventListener("abort", resolve));
      seenSignals.push(signal.aborted);
      await tick(20); // cleanup
      return { status: "interrupted", amis: {}, log: `${job.id}.log` };
    };
    const scheduler = startScheduler({
      tasks: jobsFor(["a", "b", "c"], 2),
      concurrency: 2,
      regionConcurrency: 1,
      retries: 2,
      retryDelayMs: 0,
      runAttempt,
    });
    await tick();
    expect(scheduler.running().sort()).toEqual(["img0/a/hvm", "img0/b/hvm"]);
    scheduler.interrupt();
    const outcomes = await scheduler.done;
    expect(seenSignals).toEqual([true, true]);
    expect(outcomes.map((o) => [o.task.id, o.status, o.attempts])).toEqual([
      ["img0/a/hvm", "interrupted", 1],
      ["img1/a/hvm", "interrupted", 0],
      ["img0/b/hvm", "interrupted", 1],
      ["img1/b/hvm", "interrupted", 0],
      ["img0/c/hvm", "interrupted", 0],
      ["img1/c/hvm", "interrupted", 0],
    ]);
  });

  it("cuts a retry wait short on interrupt", async () => {
    const runAttempt: RunAttempt<Job> = async () => ({
      status: "transient",
      amis: {},
      error: "Throttling",
      log: "l",
    });
    const scheduler = startScheduler({
      tasks: jobsFor(["a"], 1),
      concurrency: 1,
      regionConcurrency: 1,
      retries: 2,
      retryDelayMs: 60_000,
      runAttempt,
    });
    await tick();
    const started = Date.now();
    scheduler.interrupt();
    const [outcome] = await scheduler.done;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(outcome?.status).toBe("interrupted");
  });

  it("ends a task the plan skipped at once, with its reason, and skips what needs it", async () => {
    const { stats, runAttempt } = recorder();
    const [free, licensed, layered] = jobsFor(["a"], 3) as [Job, Job, Job];
    const outcomes = await startScheduler({
      tasks: [
        free,
        { ...licensed, settled: { status: "skipped", error: "missing packer/secrets/license" } },
        { ...layered, needs: [licensed.id] },
      ],
      concurrency: 2,
      regionConcurrency: 2,
      retries: 1,
      retryDelayMs: 0,
      runAttempt,
    }).done;
    expect(outcomes.map((o) => [o.task.id, o.status, o.attempts, o.error])).toEqual([
      ["img0/a/hvm", "succeeded", 1, undefined],
      ["img1/a/hvm", "skipped", 0, "missing packer/secrets/license"],
      ["img2/a/hvm", "skipped", 0, "not built because img1/a/hvm was not built"],
    ]);
    expect(stats.calls).toEqual(["img0/a/hvm#1"]);
  });
});
