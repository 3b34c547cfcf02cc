import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/build-report.ts";
import { makeOutcome } from "./make-outcome.ts";

describe("buildReport", () => {
  it("lists every job with the agreed fields first, in order", () => {
    const report = buildReport(
      [
        makeOutcome({
          amis: { "us-east-1": "ami-0000000000000000a" },
          attempts: 2,
          durationMs: 65_000,
        }),
      ],
      { runId: "run1", baseDir: "/project" },
    );

    expect(report.jobs).toEqual([
      {
        id: "spark/us-east-1/hvm",
        image: "spark",
        region: "us-east-1",
        virtualization: "hvm",
        status: "succeeded",
        attempts: 2,
        amis: { "us-east-1": "ami-0000000000000000a" },
        log: "runs/run1/spark-us-east-1-hvm.log",
        durationMs: 65_000,
        amiListFile: "spark/us-east-1/hvm",
      },
    ]);
    expect(Object.keys(report.jobs[0] ?? {}).slice(0, 8)).toEqual([
      "id",
      "image",
      "region",
      "virtualization",
      "status",
      "attempts",
      "amis",
      "log",
    ]);
  });

  it("puts the error before the log for a failed job and flags possible leaks", () => {
    const [job] = buildReport(
      [makeOutcome({ status: "failed", error: "Build errored", mayLeak: true, attempts: 3 })],
      { runId: "run1" },
    ).jobs;

    expect(Object.keys(job ?? {})).toEqual([
      "id",
      "image",
      "region",
      "virtualization",
      "status",
      "attempts",
      "amis",
      "error",
      "log",
      "durationMs",
      "amiListFile",
      "mayLeak",
    ]);
    expect(job).toMatchObject({ error: "Build errored", mayLeak: true });
  });

  it("leaves out mayLeak when it is false and error when there is none", () => {
    const [job] = buildReport([makeOutcome({ mayLeak: false })], { runId: "run1" }).jobs;
    expect(job).not.toHaveProperty("mayLeak");
    expect(job).not.toHaveProperty("error");
  });

  it("adds the run id, times and counts per status", () => {
    const report = buildReport(
      [
        makeOutcome(),
        makeOutcome({ region: "eu-west-1" }),
        makeOutcome({ region: "eu-west-2", status: "failed", error: "x" }),
        makeOutcome({ region: "eu-west-3", status: "skipped" }),
        makeOutcome({ region: "eu-north-1", status: "interrupted" }),
      ],
      {
        runId: "20260101T000000Z-abcd",
        startedAt: new Date("2026-01-01T00:00:00Z"),
        finishedAt: new Date("2026-01-01T00:42:00Z"),
      },
    );

    expect(report).toMatchObject({
      runId: "20260101T000000Z-abcd",
      startedAt: "2026-01-01T00:00:00.000Z",
      finishedAt: "2026-01-01T00:42:00.000Z",
      summary: { succeeded: 2, failed: 1, skipped: 1, interrupted: 1 },
    });
    expect(report.jobs.map((j) => j.id)).toEqual([
      "spark/us-east-1/hvm",
      "spark/eu-west-1/hvm",
      "spark/eu-west-2/hvm",
      "spark/eu-west-3/hvm",
      "spark/eu-north-1/hvm",
    ]);
  });

  it("lists the AMIs of every region sorted, so reports diff cleanly", () => {
    const [job] = buildReport(
      [
        makeOutcome({
          amis: { "us-west-2": "ami-0000000000000000b", "eu-west-1": "ami-0000000000000000a" },
        }),
      ],
      { runId: "run1" },
    ).jobs;
    expect(Object.keys(job?.amis ?? {})).toEqual(["eu-west-1", "us-west-2"]);
  });

  it("keeps log paths outside the base folder absolute", () => {
    const [job] = buildReport([makeOutcome({ log: "/var/log/packer.log" })], {
      runId: "run1",
      baseDir: "/project",
    }).jobs;
    expect(job?.log).toBe("/var/log/packer.log");
  });

  it("survives a JSON round trip unchanged", () => {
    const report = buildReport([makeOutcome({ status: "failed", error: "boom" })], {
      runId: "run1",
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
