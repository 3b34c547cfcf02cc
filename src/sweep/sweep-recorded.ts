// What the runs folder says. AMIs a run recorded are results, not leftovers: every run report's
// `jobs[].amis`, every AMI a run record shows written to the AMI list, and every cell of the AMI list.
// Run records also name every attempt's AMI, which is how an unrecorded available AMI of a killed run
// is recognised. A file that cannot be read is named, not fatal.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { scanCells } from "../ami-list/scan-cells.ts";
import { isNotFound } from "../fs/read-file-if-exists.ts";
import { parseRunRecord, RUN_RECORD_FILE, type RunRecord } from "../run-record/run-record.ts";
import type { RecordedAttempt } from "./plan-images.ts";
import { runIsGoing } from "./run-liveness.ts";

export interface RecordedAmis {
  /** AMI id → where it is recorded, e.g. `runs/20261122T214731Z-e4c2/report.json`. */
  ids: Map<string, string>;
  /** Attempt AMI name → the attempt, from every run record. */
  attempts: Map<string, RecordedAttempt>;
  /** Files that could not be read, as `file: why`. */
  problems: string[];
}

export async function readRecordedAmis({
  runsDir,
  amiListDir,
  run,
  display,
}: {
  runsDir: string;
  amiListDir: string;
  /** Only this run's folder (AMI ids are unique, so no other run records this run's AMIs). */
  run?: string;
  /** How a file is named in a problem. */
  display: (file: string) => string;
}): Promise<RecordedAmis> {
  const recorded: RecordedAmis = { ids: new Map(), attempts: new Map(), problems: [] };
  const { cells } = await scanCells(amiListDir);
  for (const [cell, id] of Object.entries(cells))
    recorded.ids.set(id, `the AMI list (${display(path.join(amiListDir, cell))})`);
  const runs = await readdir(runsDir, { withFileTypes: true }).catch((error: unknown) => {
    if (isNotFound(error)) return [];
    throw error;
  });
  for (const { name } of runs.filter((r) => r.isDirectory() && (!run || r.name === run))) {
    const report = await readText(path.join(runsDir, name, "report.json"), recorded, display);
    if (report !== undefined) {
      const ids = amiIdsOfReport(report.text);
      if (ids) for (const id of ids) recorded.ids.set(id, display(report.file));
      else recorded.problems.push(`${display(report.file)}: not a run report (no jobs[].amis)`);
    }
    const file = path.join(runsDir, name, RUN_RECORD_FILE);
    const text = await readText(file, recorded, display);
    if (text === undefined) continue;
    const record = parseRunRecord(text.text);
    if (record) addRecord(record, display(file), recorded);
    else recorded.problems.push(`${display(file)}: not a run record`);
  }
  return recorded;
}

function addRecord(record: RunRecord, where: string, recorded: RecordedAmis): void {
  const running = runIsGoing(record);
  for (const a of record.attempts) {
    recorded.attempts.set(a.amiName, {
      runId: record.runId,
      job: a.job,
      attempt: a.attempt,
      state: a.state,
      running,
    });
    if (a.state === "succeeded" && a.amiId && !recorded.ids.has(a.amiId))
      recorded.ids.set(a.amiId, where);
  }
}

async function readText(
  file: string,
  recorded: RecordedAmis,
  display: (file: string) => string,
): Promise<{ file: string; text: string } | undefined> {
  try {
    return { file, text: await readFile(file, "utf8") };
  } catch (error) {
    if (!isNotFound(error)) recorded.problems.push(`${display(file)}: ${(error as Error).message}`);
    return undefined;
  }
}

// Pure: the AMI ids of one report's text; undefined when it is not a report at all.
export function amiIdsOfReport(text: string): string[] | undefined {
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch {
    return undefined;
  }
  const jobs = (report as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(jobs)) return undefined;
  return jobs.flatMap((job: { amis?: unknown }) =>
    job && typeof job.amis === "object" && job.amis !== null
      ? Object.values(job.amis).filter((v): v is string => typeof v === "string")
      : [],
  );
}
