import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readFailedCells } from "../../src/report/failed-cells.ts";
import { makeTempDir } from "../support/temp-dir.ts";

async function report(jobs: unknown): Promise<string> {
  const file = path.join(await makeTempDir(), "report.json");
  await writeFile(file, JSON.stringify({ runId: "r", jobs }));
  return file;
}

describe("--rerun-failed", () => {
  it("selects exactly the cells that failed, were skipped or were interrupted", async () => {
    const file = await report([
      { id: "base/us-east-1/hvm", status: "succeeded" },
      { id: "base/eu-west-1/hvm", status: "failed" },
      { id: "spark/eu-west-1/hvm", status: "skipped" },
      { id: "base/sa-east-1/pv", status: "interrupted" },
      { id: "spark/us-east-1/hvm", status: "unchanged" },
    ]);
    expect([...(await readFailedCells(file, "report.json"))].sort()).toEqual([
      "base/eu-west-1/hvm",
      "base/sa-east-1/pv",
      "spark/eu-west-1/hvm",
    ]);
  });

  it("says what to give when the file is missing, is not a report, or has nothing to rerun", async () => {
    await expect(readFailedCells("/nonexistent/report.json", "old.json")).rejects.toThrow(
      "--rerun-failed old.json: no such file; give the report of the run to rerun",
    );
    await expect(readFailedCells(await report("none"), "r.json")).rejects.toThrow(
      "--rerun-failed r.json: not a run report (no jobs list)",
    );
    const allBuilt = await report([{ id: "base/us-east-1/hvm", status: "succeeded" }]);
    await expect(readFailedCells(allBuilt, "r.json")).rejects.toThrow("nothing to rerun");
  });
});
