// AMIs a run recorded are results, not leftovers: every run report's `jobs[].amis` and every cell of
// the AMI list. A report that cannot be read is named, not fatal: sweep only takes pending or failed
// AMIs, which a finished run does not record.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { scanCells } from "../ami-list/scan-cells.ts";
import { isNotFound } from "../fs/read-file-if-exists.ts";

export interface RecordedAmis {
  /** AMI id → where it is recorded, e.g. `runs/20261122T214731Z-e4c2/report.json`. */
  ids: Map<string, string>;
  /** Reports that could not be read, as `file: why`. */
  problems: string[];
}

export async function readRecordedAmis({
  runsDir,
  amiListDir,
  display,
}: {
  runsDir: string;
  amiListDir: string;
  /** How a file is named in a problem. */
  display: (file: string) => string;
}): Promise<RecordedAmis> {
  const recorded: RecordedAmis = { ids: new Map(), problems: [] };
  const { cells } = await scanCells(amiListDir);
  for (const [cell, id] of Object.entries(cells))
    recorded.ids.set(id, `the AMI list (${display(path.join(amiListDir, cell))})`);
  const runs = await readdir(runsDir, { withFileTypes: true }).catch((error: unknown) => {
    if (isNotFound(error)) return [];
    throw error;
  });
  for (const run of runs.filter((r) => r.isDirectory())) {
    const file = path.join(runsDir, run.name, "report.json");
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if (!isNotFound(error))
        recorded.problems.push(`${display(file)}: ${(error as Error).message}`);
      continue;
    }
    const ids = amiIdsOfReport(text);
    if (ids) for (const id of ids) recorded.ids.set(id, display(file));
    else recorded.problems.push(`${display(file)}: not a run report (no jobs[].amis)`);
  }
  return recorded;
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
