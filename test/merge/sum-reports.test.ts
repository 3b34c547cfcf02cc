import { describe, expect, it } from "vitest";
import type { SourceReport } from "../../src/merge/read-report.ts";
import { sumReports } from "../../src/merge/sum-reports.ts";

function part(
  runId: string,
  statuses: string[],
  times: [string, string],
  extra = {},
): SourceReport {
  return {
    runId,
    startedAt: times[0],
    finishedAt: times[1],
    summary: { stale: 99 },
    jobs: statuses.map((status, i) => ({
      id: `x/${runId}-${i}/hvm`,
      image: "x",
      region: `${runId}-${i}`,
      virtualization: "hvm",
      status,
      amis: {},
      amiListFile: `x/${runId}-${i}/hvm`,
      log: "runs/…/attempt-1.log",
    })),
    ...extra,
  };
}

describe("sumReports", () => {
  it("has every part's jobs, a summary counted over all of them, and the parts' run ids", () => {
    const merged = sumReports({
      runId: "merge-id",
      parts: [
        part(
          "a",
          ["succeeded", "failed"],
          ["2026-11-30T10:00:00.000Z", "2026-11-30T10:30:00.000Z"],
        ),
        part(
          "b",
          ["succeeded", "unchanged"],
          ["2026-11-30T09:59:00.000Z", "2026-11-30T10:20:00.000Z"],
        ),
      ],
    });
    expect(merged).toMatchObject({
      runId: "merge-id",
      mergedFrom: ["a", "b"],
      startedAt: "2026-11-30T09:59:00.000Z",
      finishedAt: "2026-11-30T10:30:00.000Z",
      summary: { succeeded: 2, failed: 1, skipped: 0, interrupted: 0, unchanged: 1 },
    });
    expect(merged.jobs.map((j) => j.id)).toEqual([
      "x/a-0/hvm",
      "x/a-1/hvm",
      "x/b-0/hvm",
      "x/b-1/hvm",
    ]);
    expect(merged.jobs[0]).toHaveProperty("log", "runs/…/attempt-1.log");
    expect(merged).not.toHaveProperty("rehearsal");
  });

  it("is a rehearsal's when a part was, so its durations never weigh shards", () => {
    const times: [string, string] = ["2026-11-30T10:00:00.000Z", "2026-11-30T10:01:00.000Z"];
    const merged = sumReports({
      runId: "m",
      parts: [part("a", [], times), part("b", [], times, { rehearsal: true })],
    });
    expect(merged.rehearsal).toBe(true);
  });
});
