// The end of a run: the summary on screen, the report on disk, and the exit code. A report that cannot
// be written must not hide what was built: the summary above it is then the run's record.
import path from "node:path";
import { errorMessage } from "../errors.ts";
import type { JobOutcome } from "../model/job.ts";
import { runRecordFile } from "../run-record/run-record.ts";
import { pathForDisplay } from "../text/path-for-display.ts";
import { buildReport, type CellPlanReport } from "./build-report.ts";
import { exitCodeFor } from "./exit-code.ts";
import { leftoverAdvice } from "./leftover-advice.ts";
import { spentLine } from "./spent-line.ts";
import { formatSummaryTable } from "./summary-table.ts";
import { writeReport } from "./write-report.ts";

export async function recordRun({
  outcomes,
  interrupted,
  runId,
  runDir,
  reportFile = path.join(runDir, "report.json"),
  amiListDir,
  cwd,
  startedAt,
  sourceImages,
  recordError,
  write,
  outputTail = () => [],
  rehearsal = false,
  cells,
}: {
  outcomes: readonly JobOutcome[];
  interrupted: boolean;
  runId: string;
  runDir: string;
  reportFile?: string;
  amiListDir: string;
  cwd: string;
  startedAt: Date;
  sourceImages: ReadonlyMap<string, { id: string; name: string; creationDate: string }>;
  /** Why the run record could not be written, if so. */
  recordError?: string;
  write: (text: string) => void;
  /** The last lines of a failed job's provisioning output, masked, read from its log. */
  outputTail?: (log: string) => string[];
  rehearsal?: boolean;
  /** Job id → what the plan did with the cell and why. */
  cells?: ReadonlyMap<string, CellPlanReport>;
}): Promise<number> {
  const outputTails = new Map(
    outcomes
      .filter((outcome) => outcome.status === "failed")
      .map((outcome) => [outcome.job.id, outputTail(outcome.log)]),
  );
  write(
    `\n${formatSummaryTable(outcomes, { baseDir: cwd, outputTails })}\n${spentLine(outcomes, { rehearsal })}\n`,
  );
  const code = exitCodeFor(outcomes, { interrupted });
  const recordFile = pathForDisplay(runRecordFile(runDir), cwd);
  if (recordError) write(`warning: the run record ${recordFile} is incomplete: ${recordError}\n`);
  const advice = leftoverAdvice({ outcomes, interrupted, runId, recordFile });
  const adviseAfter = (text: string) =>
    write(`${text}${advice.map((line) => `${line}\n`).join("")}`);
  try {
    await writeReport(
      reportFile,
      buildReport(outcomes, {
        runId,
        rehearsal,
        ...(cells ? { cells } : {}),
        baseDir: cwd,
        startedAt,
        finishedAt: new Date(),
        sourceImages,
      }),
    );
  } catch (error) {
    adviseAfter(
      `error: ${errorMessage(error)}; the AMI list is written, and the summary above is the run's record\n`,
    );
    return code === 0 ? 1 : code;
  }
  adviseAfter(
    `AMI list: ${pathForDisplay(amiListDir, cwd)}/   Report: ${pathForDisplay(reportFile, cwd)}\n`,
  );
  return code;
}
