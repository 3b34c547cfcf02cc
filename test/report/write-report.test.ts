import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it, onTestFinished } from "vitest";
import { buildReport } from "../../src/report/build-report.ts";
import { writeReport } from "../../src/report/write-report.ts";
import { makeOutcome } from "./make-outcome.ts";

it("writes the report as 2-space JSON with a trailing newline, leaving no temp file", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ami-matrix-report-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, "runs", "run1", "report.json");
  const report = buildReport([makeOutcome()], { runId: "run1" });

  await writeReport(file, report);

  const text = await readFile(file, "utf8");
  expect(text).toBe(`${JSON.stringify(report, null, 2)}\n`);
  expect(await readdir(path.dirname(file))).toEqual(["report.json"]);
});
