import { describe, expect, it } from "vitest";
import { countsLine, formatSummaryTable } from "../../src/report/summary-table.ts";
import { makeOutcome } from "./make-outcome.ts";

describe("formatSummaryTable", () => {
  it("gives no reason line to jobs an interrupt stopped before they started", () => {
    const table = formatSummaryTable([
      makeOutcome({ status: "interrupted", attempts: 0, error: "interrupted before it started" }),
      makeOutcome({
        region: "eu-west-1",
        status: "interrupted",
        attempts: 1,
        error: "interrupted; Packer cleaned up and exited",
      }),
    ]);
    expect(table).not.toContain("interrupted before it started");
    expect(table).toContain("error: interrupted; Packer cleaned up and exited");
  });

  it("renders one aligned row per job, the reason under failures, then the counts", () => {
    const table = formatSummaryTable(
      [
        makeOutcome({
          amis: { "us-east-1": "ami-0000000000000000a", "eu-west-1": "ami-0000000000000000f" },
          durationMs: 65_000,
        }),
        makeOutcome({
          image: "base",
          region: "eu-west-1",
          virtualization: "pv",
          amis: { "eu-west-1": "ami-1a2b3c4d" },
          attempts: 2,
          durationMs: 3_723_000,
        }),
        makeOutcome({
          region: "ap-southeast-2",
          status: "failed",
          attempts: 10,
          durationMs: 400,
          error:
            "Build 'amazon-ebs.ami' errored after 2 minutes: UnauthorizedOperation: You are not authorized to perform this operation.\nmore detail",
        }),
        makeOutcome({
          region: "us-west-2",
          status: "skipped",
          attempts: 0,
          durationMs: 0,
          log: "",
          error: "not built because base/us-west-2/hvm failed",
        }),
        makeOutcome({
          region: "eu-north-1",
          status: "interrupted",
          durationMs: 12_345,
          mayLeak: true,
          log: "/elsewhere/interrupted.log",
        }),
      ],
      { baseDir: "/project" },
    );

    expect(table).toMatchInlineSnapshot(`
      "JOB                       STATUS       AMI                    ATTEMPTS    DURATION  LOG
      spark/us-east-1/hvm       succeeded    ami-0000000000000000a         1      1m 05s  runs/run1/spark-us-east-1-hvm.log
      base/eu-west-1/pv         succeeded    ami-1a2b3c4d                  2  1h 02m 03s  runs/run1/base-eu-west-1-pv.log
      spark/ap-southeast-2/hvm  failed       -                            10        0.4s  runs/run1/spark-ap-southeast-2-hvm.log
          error: Build 'amazon-ebs.ami' errored after 2 minutes: UnauthorizedOperation: You are not authorized to perform this op…
      spark/us-west-2/hvm       skipped      -                             0        0.0s  -
          skipped: not built because base/us-west-2/hvm failed
      spark/eu-north-1/hvm      interrupted  -                             1       12.3s  /elsewhere/interrupted.log
          warning: cloud resources may be left in eu-north-1; the sweep --run command below removes them
      5 jobs: 2 succeeded, 1 failed, 1 skipped, 1 interrupted"
    `);
  });

  it("shows '-' for a job without an AMI in its own region", () => {
    const table = formatSummaryTable(
      [makeOutcome({ amis: { "eu-west-1": "ami-0000000000000000f" } })],
      { baseDir: "/project" },
    );
    expect(table.split("\n")[1]).toMatch(/^spark\/us-east-1\/hvm\s+succeeded\s+-\s+1/);
  });

  it("keeps every row's columns at the same offsets", () => {
    const table = formatSummaryTable(
      [
        makeOutcome({ image: "a" }),
        makeOutcome({ image: "a-much-longer-image-name", attempts: 12 }),
      ],
      { baseDir: "/project" },
    );
    const [header = "", ...rows] = table.split("\n");
    const statusColumn = header.indexOf("STATUS");
    for (const row of rows.slice(0, 2)) expect(row.indexOf("succeeded")).toBe(statusColumn);
  });
});

describe("countsLine", () => {
  it.each([
    [[], "0 jobs"],
    [[makeOutcome()], "1 job: 1 succeeded"],
    [
      [
        makeOutcome(),
        makeOutcome({ status: "interrupted" }),
        makeOutcome({ status: "failed" }),
        makeOutcome({ status: "skipped" }),
        makeOutcome(),
      ],
      "5 jobs: 2 succeeded, 1 failed, 1 skipped, 1 interrupted",
    ],
  ])("summarises %# as %j", (outcomes, line) => {
    expect(countsLine(outcomes)).toBe(line);
  });
});
