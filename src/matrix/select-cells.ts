// Which cells a command works on: the matrix file read and checked, then --only and --exclude applied.
// The build and the account commands (prune, sweep) select the same way.
import { UserError } from "../errors.ts";
import type { Job } from "../model/job.ts";
import { applyFilters, parseFilters } from "./filters.ts";
import { type LoadedMatrix, loadMatrix } from "./load-matrix.ts";

export interface Selection {
  loaded: LoadedMatrix;
  /** The selected cells, in plan order; never empty. */
  jobs: Job[];
}

export async function selectCells({
  file,
  displayName,
  only,
  exclude,
}: {
  file: string;
  /** How the file is named in messages, e.g. relative to where the user stands. */
  displayName: string;
  only: readonly string[];
  exclude: readonly string[];
}): Promise<Selection> {
  const loaded = await loadMatrix({ file, displayName });
  const filters = parseFilters({ only, exclude, jobs: loaded.jobs });
  const jobs = applyFilters(loaded.jobs, filters);
  if (jobs.length === 0) {
    throw new UserError(
      `The filters leave none of the matrix's ${loaded.jobs.length} cells; loosen --only or --exclude.`,
    );
  }
  return { loaded, jobs };
}
