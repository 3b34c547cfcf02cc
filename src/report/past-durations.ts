// How long each job took the last time it was built, from the newest run reports: what the scheduler
// starts first, how shards are balanced and what the cost estimate counts. Unreadable reports are
// passed over: history only sharpens estimates.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** An estimate for a job no report has timed: a build on AWS takes 15–30 minutes. */
export const DEFAULT_EXPECTED_MS = 20 * 60_000;
/** A copy between regions: the snapshot moves, no instance boots. */
export const COPY_EXPECTED_MS = 10 * 60_000;

/** Job id → duration of its newest successful build, from the `reports` newest reports of real runs. */
export async function pastDurations(
  runsDir: string,
  { reports = 10 }: { reports?: number } = {},
): Promise<Map<string, number>> {
  const runs = await readdir(runsDir).catch(() => [] as string[]);
  const durations = new Map<string, number>();
  let read = 0;
  // Run ids sort by time: the newest first, so the first duration found for a job wins.
  for (const run of runs.sort().reverse()) {
    if (read >= reports) break;
    const text = await readFile(path.join(runsDir, run, "report.json"), "utf8").catch(() => "");
    const found = durationsOfReport(text);
    if (found === undefined) continue;
    read++;
    for (const [id, ms] of found) if (!durations.has(id)) durations.set(id, ms);
  }
  return durations;
}

// Pure: the succeeded jobs of one report's text, with their durations; undefined for what is not the
// report of a real run (a rehearsal's minutes are not AWS's).
export function durationsOfReport(text: string): [string, number][] | undefined {
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch {
    return undefined;
  }
  if ((report as { rehearsal?: unknown } | null)?.rehearsal === true) return undefined;
  const jobs = (report as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(jobs)) return undefined;
  return jobs.flatMap((job: { id?: unknown; status?: unknown; durationMs?: unknown }) =>
    typeof job?.id === "string" && job.status === "succeeded" && typeof job.durationMs === "number"
      ? [[job.id, job.durationMs] as [string, number]]
      : [],
  );
}
