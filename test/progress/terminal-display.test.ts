import { stripVTControlCharacters } from "node:util";
import { expect, it, vi } from "vitest";
import { createProgressDisplay } from "../../src/progress/progress-display.ts";
import { captureStream } from "./capture-stream.ts";
import { basePv, JOBS, outcomeOf, spark, sparkEu } from "./run-events.ts";

const CURSOR_LEFT = "\u001B[G";

// What is on screen after the last redraw (log-update erases the previous frame, then moves left).
function lastFrame(text: string): string {
  return stripVTControlCharacters(text.slice(text.lastIndexOf(CURSOR_LEFT))).trimEnd();
}

it("keeps drawing every job on a terminal after one fails, and leaves the final lines in place", async () => {
  const { stream, asWriteStream } = captureStream({ columns: 100, rows: 40 });
  const display = createProgressDisplay({ jobs: JOBS, mode: "interactive", stream: asWriteStream });
  display.onEvent({ type: "started", jobId: spark.id, attempt: 1, log: "a.log" });
  display.onEvent({ type: "started", jobId: sparkEu.id, attempt: 1, log: "b.log" });
  await vi.waitFor(() => expect(lastFrame(stream.text)).toContain("2 running"));
  display.onEvent({
    type: "finished",
    outcome: outcomeOf(sparkEu, { status: "failed", attempts: 1, error: "InvalidAMIID.NotFound" }),
  });
  await vi.waitFor(() => expect(lastFrame(stream.text)).toContain("✖"));
  display.onEvent({
    type: "step",
    jobId: spark.id,
    text: "Waiting for AMI to become ready... (this can take a while for big images, be patient)",
  });

  expect(lastFrame(stream.text)).toMatch(
    new RegExp(
      [
        // Cut at the terminal's width, so each job keeps to one line.
        "^. spark/us-east-1/hvm  0s  Waiting for AMI to become ready\\.\\.\\. \\(this can [^\\n]*…",
        "✖ spark/eu-west-1/hvm  FAILED after 1 attempt: InvalidAMIID.NotFound",
        ". base/us-west-2/pv    waiting for a slot",
        "",
        "› 3 jobs: 0 done, 1 running, 1 queued, 1 failed$",
      ].join("\n"),
    ),
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

  expect(lastFrame(stream.text)).toBe(
    [
      "✔ spark/us-east-1/hvm  succeeded: ami-0abc (10m 00s)",
      "✖ spark/eu-west-1/hvm  FAILED after 1 attempt: InvalidAMIID.NotFound",
      "↓ base/us-west-2/pv    skipped: AMI exists",
    ].join("\n"),
  );
});

it("gives waiting jobs' lines to running ones when the terminal is too short for all", async () => {
  const { stream, asWriteStream } = captureStream({ columns: 100, rows: 5 });
  const display = createProgressDisplay({ jobs: JOBS, mode: "interactive", stream: asWriteStream });
  display.onEvent({ type: "started", jobId: sparkEu.id, attempt: 1, log: "b.log" });
  await vi.waitFor(() => expect(lastFrame(stream.text)).toContain("1 running"));

  expect(lastFrame(stream.text)).toMatch(
    /^. spark\/eu-west-1\/hvm {2}0s {2}starting Packer\n\n› 3 jobs: 0 done, 1 running, 2 queued, 0 failed$/,
  );

  display.onEvent({ type: "interrupting", signal: "SIGINT", cleaningUp: [], killAfterMs: 1000 });
  for (const job of JOBS) {
    display.onEvent({
      type: "finished",
      outcome: outcomeOf(job, { status: "interrupted", attempts: job === sparkEu ? 1 : 0 }),
    });
  }
  await display.finish();

  expect(lastFrame(stream.text)).toBe(
    [
      "↓ spark/us-east-1/hvm  not started (interrupted)",
      "↓ spark/eu-west-1/hvm  interrupted",
      "↓ base/us-west-2/pv    not started (interrupted)",
    ].join("\n"),
  );
});
