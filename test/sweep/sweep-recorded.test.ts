// Which AMIs count as recorded: a report's jobs[].amis and the AMI list, and what is not a report.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
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

  it("reads nothing, without failing, when neither folder exists yet", async () => {
    const recorded = await readRecordedAmis({
      runsDir: "/nonexistent/runs",
      amiListDir: "/nonexistent/ami-list",
      display: (f) => f,
    });
    expect(recorded).toEqual({ ids: new Map(), problems: [] });
  });
});
