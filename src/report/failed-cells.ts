// `--rerun-failed REPORT`: the cells a run did not build (failed, not built because another failed,
// or interrupted), read from its report.
import { readFile } from "node:fs/promises";
import { errorMessage, UserError } from "../errors.ts";

const NOT_BUILT = new Set(["failed", "skipped", "interrupted"]);

export async function readFailedCells(file: string, shown: string): Promise<Set<string>> {
  let report: unknown;
  try {
    report = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new UserError(
      missing
        ? `--rerun-failed ${shown}: no such file; give the report of the run to rerun (runs/<run id>/report.json, or its --report file)`
        : `--rerun-failed ${shown}: cannot read it as a run report (${errorMessage(error)})`,
      { cause: error },
    );
  }
  const jobs = (report as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(jobs))
    throw new UserError(
      `--rerun-failed ${shown}: not a run report (no jobs list); give a report.json of a run`,
    );
  const failed = new Set(
    jobs.flatMap((job: { id?: unknown; status?: unknown }) =>
      typeof job?.id === "string" && NOT_BUILT.has(String(job.status)) ? [job.id] : [],
    ),
  );
  if (failed.size === 0)
    throw new UserError(
      `--rerun-failed ${shown}: every cell of that run was built or unchanged; nothing to rerun`,
    );
  return failed;
}
