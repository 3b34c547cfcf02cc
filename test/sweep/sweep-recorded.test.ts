// Which AMIs count as recorded: a report's jobs[].amis and the AMI list, and what is not a report.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createRunRecorder } from "../../src/run-record/record-writer.ts";
import { amiIdsOfReport, readRecordedAmis } from "../../src/sweep/sweep-recorded.ts";

let scratch: string | undefined;
afterEach(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("amiIdsOfReport", () => {
  it("takes every AMI of every job", () => {
    const report = {
      jobs: [{ amis: { "us-east-1": "ami-1" } }, { amis: {} }, { amis: { "eu-west-1": "ami-2" } }],
    };
    expect(amiIdsOfReport(JSON.stringify(report))).toEqual(["ami-1", "ami-2"]);
  });

  it("says when the text is not a report", () => {
    for (const text of ["", "{", "null", "[]", '{"jobs": 3}'])
      expect(amiIdsOfReport(text), text).toBeUndefined();
  });
});

describe("readRecordedAmis", () => {
  it("reads every run's report and the AMI list, names unreadable reports, and skips runs without one", async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "ami-matrix-recorded-"));
    const runs = path.join(scratch, "runs");
    const amiList = path.join(scratch, "ami-list");
    await mkdir(path.join(runs, "a"), { recursive: true });
    await mkdir(path.join(runs, "b"));
    await mkdir(path.join(runs, "c"));
    await mkdir(path.join(amiList, "spark", "us-east-1"), { recursive: true });
    await writeFile(
      path.join(runs, "a", "report.json"),
      JSON.stringify({ jobs: [{ amis: { r: "ami-0000000a" } }] }),
    );
    await writeFile(path.join(runs, "b", "report.json"), "{ truncated");
    await writeFile(path.join(amiList, "spark", "us-east-1", "hvm"), "ami-0000000b\n");
    const recorded = await readRecordedAmis({
      runsDir: runs,
      amiListDir: amiList,
      display: (file) => path.relative(scratch as string, file),
    });
    expect(Object.fromEntries(recorded.ids)).toEqual({
      "ami-0000000a": path.join("runs", "a", "report.json"),
      "ami-0000000b": `the AMI list (${path.join("ami-list", "spark", "us-east-1", "hvm")})`,
    });
    expect(recorded.problems).toEqual([
      `${path.join("runs", "b", "report.json")}: not a run report (no jobs[].amis)`,
    ]);
  });

  it("reads every run record: each attempt by its AMI name, and the AMIs written to the AMI list", async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "ami-matrix-recorded-"));
    const runs = path.join(scratch, "runs");
    const runId = "20261122T080000Z-abcd";
    const recorder = createRunRecorder({ runDir: path.join(runs, runId), runId });
    const job = { job: "base/us-east-1/hvm", region: "us-east-1" };
    recorder.attemptStarted({ ...job, attempt: 1, amiName: `base-hvm-${runId}-a1` });
    recorder.attemptState({ job: job.job, attempt: 1 }, "failed");
    recorder.attemptStarted({ ...job, attempt: 2, amiName: `base-hvm-${runId}-a2` });
    recorder.attemptMade({ job: job.job, attempt: 2 }, { amiId: "ami-0000000c" });
    recorder.attemptState({ job: job.job, attempt: 2 }, "succeeded");
    expect(await recorder.close()).toBeUndefined();
    await mkdir(path.join(runs, "broken"));
    await writeFile(path.join(runs, "broken", "attempts.json"), '{"runId": 3}');

    const recorded = await readRecordedAmis({
      runsDir: runs,
      amiListDir: path.join(scratch, "ami-list"),
      display: (file) => path.relative(scratch as string, file),
    });
    expect(Object.fromEntries(recorded.ids)).toEqual({
      "ami-0000000c": path.join("runs", runId, "attempts.json"),
    });
    expect(recorded.attempts.get(`base-hvm-${runId}-a1`)).toEqual({
      runId,
      job: job.job,
      attempt: 1,
      state: "failed",
      running: false,
    });
    expect(recorded.attempts.get(`base-hvm-${runId}-a2`)?.state).toBe("succeeded");
    expect(recorded.problems).toEqual([
      `${path.join("runs", "broken", "attempts.json")}: not a run record`,
    ]);
  });

  it("reads nothing, without failing, when neither folder exists yet", async () => {
    const recorded = await readRecordedAmis({
      runsDir: "/nonexistent/runs",
      amiListDir: "/nonexistent/ami-list",
      display: (f) => f,
    });
    expect(recorded).toEqual({ ids: new Map(), attempts: new Map(), problems: [] });
  });
});
