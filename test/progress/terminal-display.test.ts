import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { FRAME_INTERVAL_MS } from "../../src/progress/frame-renderer.ts";
import { createProgressDisplay } from "../../src/progress/progress-display.ts";
import { basePv, JOBS, outcomeOf, spark, sparkEu } from "./run-events.ts";
import { virtualTerminal } from "./virtual-terminal.ts";

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2025, 0, 2, 21, 4, 0) });
});
afterEach(() => {
  vi.useRealTimers();
});

const nextFrame = () => vi.advanceTimersByTimeAsync(FRAME_INTERVAL_MS);
// The spinner turns every frame; tests compare the rest of each line.
const withoutSpinner = (screen: string) => screen.replace(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏\-\\|/] /gm, "* ");

function startOnTerminal(size: { columns: number; rows: number }) {
  const terminal = virtualTerminal(size);
  const display = createProgressDisplay({
    jobs: JOBS,
    mode: "interactive",
    stream: terminal.stream,
    maxAttempts: 3,
  });
  return { terminal, display };
}

it("gives each job in flight a line cut to the terminal's width, counts the rest, and keeps failed jobs' lines above", async () => {
  const { terminal, display } = startOnTerminal({ columns: 80, rows: 20 });
  display.onEvent({ type: "started", jobId: spark.id, attempt: 1, log: "a.log" });
  display.onEvent({ type: "started", jobId: sparkEu.id, attempt: 1, log: "b.log" });
  display.onEvent({
    type: "step",
    jobId: spark.id,
    text: "Waiting for AMI to become ready... (this can take a while for big images, be patient)",
  });
  await nextFrame();
  expect(withoutSpinner(terminal.screen())).toBe(
    [
      "* spark/us-east-1/hvm  0s  Waiting for AMI to become ready... (this can take a…",
      "* spark/eu-west-1/hvm  0s  starting Packer",
      "",
      "› 3 jobs: 0 done, 2 running, 1 queued, 0 failed",
    ].join("\n"),
  );

  display.onEvent({
    type: "finished",
    outcome: outcomeOf(sparkEu, { status: "failed", attempts: 1, error: "InvalidAMIID.NotFound" }),
  });
  await nextFrame();
  expect(withoutSpinner(terminal.screen())).toBe(
    [
      "✖ spark/eu-west-1/hvm  FAILED after 1 attempt: InvalidAMIID.NotFound",
      "* spark/us-east-1/hvm  0s  Waiting for AMI to become ready... (this can take a…",
      "",
      "› 3 jobs: 0 done, 1 running, 1 queued, 1 failed",
    ].join("\n"),
  );

  display.onEvent({
    type: "finished",
    outcome: outcomeOf(spark, { amis: { "us-east-1": "ami-0abc" }, durationMs: 600_000 }),
  });
  display.onEvent({
    type: "finished",
    outcome: outcomeOf(basePv, { status: "skipped", attempts: 0, error: "AMI exists" }),
  });
  await display.finish();
  // What stays above the summary the command prints next: the failure and the counts.
  expect(terminal.text()).toBe(
    [
      "✖ spark/eu-west-1/hvm  FAILED after 1 attempt: InvalidAMIID.NotFound",
      "› 3 jobs: 2 done, 0 running, 0 queued, 1 failed",
    ].join("\n"),
  );
});

it("writes only what changed: a new step rewrites that job's step, and an idle frame writes nothing", async () => {
  const { terminal, display } = startOnTerminal({ columns: 100, rows: 20 });
  display.onEvent({ type: "started", jobId: spark.id, attempt: 1, log: "a.log" });
  display.onEvent({ type: "step", jobId: spark.id, text: "Creating temporary keypair" });
  display.onEvent({ type: "started", jobId: sparkEu.id, attempt: 1, log: "b.log" });
  display.onEvent({ type: "step", jobId: sparkEu.id, text: "Launching a source AWS instance..." });
  await nextFrame();
  const before = terminal.bytes();

  display.onEvent({ type: "step", jobId: spark.id, text: "Creating AMI from instance" });
  await nextFrame();
  const step = terminal.bytes() - before;
  // Two spinners turn (a few bytes each) and the step's new words are written; no line is drawn again.
  expect(step).toBeLessThan("Creating AMI from instance".length + 40);
  expect(withoutSpinner(terminal.screen())).toContain(
    "* spark/us-east-1/hvm  0s  Creating AMI from instance\n* spark/eu-west-1/hvm  0s  Launching",
  );

  display.onEvent({ type: "finished", outcome: outcomeOf(spark, { amis: {} }) });
  display.onEvent({ type: "finished", outcome: outcomeOf(sparkEu, { amis: {} }) });
  await nextFrame();
  const idle = terminal.bytes();
  // Nothing runs, so nothing spins: frames come and go without a byte.
  await vi.advanceTimersByTimeAsync(FRAME_INTERVAL_MS * 5);
  expect(terminal.bytes()).toBe(idle);
  await display.finish();
});

it("never grows taller than the terminal: jobs beyond the room are counted on one line", async () => {
  const { terminal, display } = startOnTerminal({ columns: 80, rows: 5 });
  for (const job of JOBS)
    display.onEvent({ type: "started", jobId: job.id, attempt: 1, log: `${job.id}.log` });
  await nextFrame();
  expect(withoutSpinner(terminal.text())).toBe(
    [
      "* spark/us-east-1/hvm  0s  starting Packer",
      "… and 2 more",
      "",
      "› 3 jobs: 0 done, 3 running, 0 queued, 0 failed",
    ].join("\n"),
  );
  display.onEvent({ type: "interrupting", signal: "SIGINT", cleaningUp: [], killAfterMs: 1000 });
  for (const job of JOBS) {
    display.onEvent({
      type: "finished",
      outcome: outcomeOf(job, { status: "interrupted", attempts: 1 }),
    });
  }
  await display.finish();
  expect(terminal.text()).toBe(
    [
      "› 3 jobs: 0 done, 0 running, 0 queued, 0 failed, 3 interrupted",
      "› SIGINT: no new build starts; no build is running",
    ].join("\n"),
  );
});
