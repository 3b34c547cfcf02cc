import { describe, expect, it } from "vitest";
import { createProgressDisplay } from "../../src/progress/progress-display.ts";
import type { RunEvent } from "../../src/run/run-events.ts";
import { basePv, JOBS, manualClock, outcomeOf, spark, sparkEu } from "./run-events.ts";

// Plays `script` (events, and pauses in ms) into a plain display and returns what it printed.
async function printed(script: readonly (RunEvent | number)[]): Promise<string> {
  const clock = manualClock();
  let output = "";
  const display = createProgressDisplay({
    jobs: JOBS,
    mode: "plain",
    write: (text) => {
      output += text;
    },
    now: clock.now,
    maxAttempts: 3,
    limits: { concurrency: 8, regionConcurrency: 2 },
    formatPath: (file) => file.replace("/project/", ""),
  });
  for (const step of script) {
    if (typeof step === "number") clock.advance(step);
    else display.onEvent(step);
  }
  await display.finish();
  return output;
}

describe("plain progress", () => {
  it("tells each job's story on lines that start with the time and the job id", async () => {
    const output = await printed([
      { type: "queued", jobId: spark.id, attempt: 1 },
      { type: "queued", jobId: sparkEu.id, attempt: 1 },
      { type: "started", jobId: spark.id, attempt: 1, log: "/project/runs/r1/spark/attempt-1.log" },
      4_000,
      { type: "step", jobId: spark.id, text: "Prevalidating any provided VPC information" },
      { type: "step", jobId: spark.id, text: "Prevalidating any provided VPC information" },
      { type: "started", jobId: sparkEu.id, attempt: 1, log: "/project/runs/r1/eu/attempt-1.log" },
      1_000,
      { type: "step", jobId: spark.id, text: "Launching a source AWS instance..." },
      {
        type: "retrying",
        jobId: spark.id,
        attempt: 1,
        nextAttempt: 2,
        delayMs: 30_200,
        reason: "RequestLimitExceeded: Request limit exceeded.\n\tstatus code: 503",
      },
      31_000,
      { type: "queued", jobId: spark.id, attempt: 2 },
      { type: "started", jobId: spark.id, attempt: 2, log: "/project/runs/r1/spark/attempt-2.log" },
      { type: "step", jobId: spark.id, text: "Prevalidating any provided VPC information" },
      {
        type: "step",
        jobId: sparkEu.id,
        text: "Error launching source instance:\nUnauthorizedOperation",
      },
      {
        type: "finished",
        outcome: outcomeOf(sparkEu, {
          status: "failed",
          attempts: 1,
          error: "UnauthorizedOperation: You are not authorized.\nEncoded message: xyz",
        }),
      },
      29_000,
      {
        type: "cell-written",
        jobId: spark.id,
        file: "/project/ami-list/spark/us-east-1/hvm",
        change: "written",
      },
      {
        type: "finished",
        outcome: outcomeOf(spark, {
          attempts: 2,
          amis: { "us-east-1": "ami-0abc1234def567890" },
          durationMs: 65_400,
        }),
      },
      {
        type: "finished",
        outcome: outcomeOf(basePv, { status: "skipped", attempts: 0, error: "AMI exists" }),
      },
    ]);

    expect(output).toMatchInlineSnapshot(`
      "21:04:00 run                  3 jobs: 8 at once, 2 per region
      21:04:00 spark/us-east-1/hvm  started (attempt 1 of 3), log runs/r1/spark/attempt-1.log
      21:04:04 spark/us-east-1/hvm  Prevalidating any provided VPC information
      21:04:04 spark/eu-west-1/hvm  started (attempt 1 of 3), log runs/r1/eu/attempt-1.log
      21:04:05 spark/us-east-1/hvm  Launching a source AWS instance...
      21:04:05 spark/us-east-1/hvm  retrying in 31s (attempt 2 of 3): RequestLimitExceeded: Request limit exceeded.
      21:04:36 spark/us-east-1/hvm  waiting for a slot (attempt 2 of 3)
      21:04:36 spark/us-east-1/hvm  started (attempt 2 of 3), log runs/r1/spark/attempt-2.log
      21:04:36 spark/us-east-1/hvm  Prevalidating any provided VPC information
      21:04:36 spark/eu-west-1/hvm  Error launching source instance:
      21:04:36 spark/eu-west-1/hvm  UnauthorizedOperation
      21:04:36 spark/eu-west-1/hvm  FAILED after 1 attempt: UnauthorizedOperation: You are not authorized.
      21:05:05 spark/us-east-1/hvm  AMI list written: ami-list/spark/us-east-1/hvm
      21:05:05 spark/us-east-1/hvm  succeeded: ami-0abc1234def567890 (1m 05s)
      21:05:05 base/us-west-2/pv    skipped: AMI exists
      "
    `);
  });

  it("tells what Ctrl-C does, on `run` lines, and which jobs may leave resources behind", async () => {
    const output = await printed([
      { type: "started", jobId: spark.id, attempt: 1, log: "/project/runs/r1/spark/attempt-1.log" },
      { type: "started", jobId: sparkEu.id, attempt: 1, log: "/project/runs/r1/eu/attempt-1.log" },
      { type: "queued", jobId: basePv.id, attempt: 1 },
      60_000,
      {
        type: "interrupting",
        signal: "SIGINT",
        cleaningUp: [spark.id, sparkEu.id],
        killAfterMs: 120_000,
      },
      {
        type: "finished",
        outcome: outcomeOf(basePv, {
          status: "interrupted",
          attempts: 0,
          error: "interrupted before it started",
        }),
      },
      5_000,
      {
        type: "finished",
        outcome: outcomeOf(sparkEu, {
          status: "interrupted",
          attempts: 1,
          error: "interrupted; Packer cleaned up and exited",
        }),
      },
      { type: "force-warning", cleaningUp: [spark.id] },
      1_000,
      { type: "killed", jobId: spark.id, reason: "forced" },
      {
        type: "finished",
        outcome: outcomeOf(spark, { status: "interrupted", attempts: 1, mayLeak: true }),
      },
    ]);

    expect(output).toMatchInlineSnapshot(`
      "21:04:00 run                  3 jobs: 8 at once, 2 per region
      21:04:00 spark/us-east-1/hvm  started (attempt 1 of 3), log runs/r1/spark/attempt-1.log
      21:04:00 spark/eu-west-1/hvm  started (attempt 1 of 3), log runs/r1/eu/attempt-1.log
      21:05:00 run                  SIGINT: no new build starts; 2 builds are cleaning up cloud resources, killed in 2m 00s if not done. Ctrl-C again to see what forcing leaves
      21:05:00 spark/us-east-1/hvm  cleaning up cloud resources
      21:05:00 spark/eu-west-1/hvm  cleaning up cloud resources
      21:05:00 base/us-west-2/pv    not started (interrupted)
      21:05:05 spark/eu-west-1/hvm  interrupted; Packer cleaned up and exited
      21:05:05 run                  WARNING: Ctrl-C again kills 1 build now; its cloud resources may be left behind: spark/us-east-1/hvm
      21:05:05 spark/us-east-1/hvm  Ctrl-C again would leave its cloud resources behind
      21:05:06 spark/us-east-1/hvm  Packer killed (Ctrl-C forced it)
      21:05:06 spark/us-east-1/hvm  killed: cloud resources may be left behind
      "
    `);
  });

  it("starts every line, even a line of a multi-line message, with the time then a job id or `run`", async () => {
    const output = await printed([
      { type: "started", jobId: spark.id, attempt: 1, log: "/project/a.log" },
      { type: "step", jobId: spark.id, text: "first\r\nsecond\rthird" },
      { type: "interrupting", signal: "SIGTERM", cleaningUp: [spark.id], killAfterMs: 1_000 },
      { type: "force-warning", cleaningUp: [spark.id] },
    ]);

    const subjects = ["run", ...JOBS.map((job) => job.id)].join("|").replaceAll("/", "\\/");
    const lines = output.trimEnd().split("\n");
    expect(lines).toHaveLength(9);
    for (const line of lines)
      expect(line).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d (${subjects}) `));
  });
});
