import { expect, it } from "vitest";
import { countJobsLine } from "../../src/progress/count-jobs.ts";
import { createRunProgress, recordEvent } from "../../src/progress/run-progress.ts";
import { JOBS, spark, sparkEu } from "./run-events.ts";

it("counts a job whose AMI is being verified apart from running ones, since it holds no slot", () => {
  const run = createRunProgress(JOBS);
  recordEvent(run, { type: "started", jobId: spark.id, attempt: 1, log: "a.log" }, 0);
  recordEvent(run, { type: "started", jobId: sparkEu.id, attempt: 1, log: "b.log" }, 0);
  expect(countJobsLine(run)).toBe("3 jobs: 0 done, 2 running, 1 queued, 0 failed");
  recordEvent(run, { type: "verifying", jobId: spark.id, amiId: "ami-0123456789abcdef0" }, 5);
  expect(countJobsLine(run)).toBe("3 jobs: 0 done, 1 running, 1 verifying, 1 queued, 0 failed");
  expect(run.jobs.get(spark.id)?.step).toBe(
    "verifying ami-0123456789abcdef0 before writing its cell",
  );
});
