// Which cells a command works on: the matrix file read and checked, then --only and --exclude applied.
// The build and the account commands (prune, sweep) select the same way.
import { UserError } from "../errors.ts";
import type { BuildStrategy, Job } from "../model/job.ts";
import { withDependencies } from "./cell-dependencies.ts";
import { applyFilters, parseFilters } from "./filters.ts";
import { type LoadedMatrix, loadMatrix } from "./load-matrix.ts";

export interface Selection {
  loaded: LoadedMatrix;
  /** The selected cells and the cells they need, in plan order; never empty. */
  jobs: Job[];
  /** Only the cells the filters selected (prune and sweep act on these alone). */
  selected: Job[];
  /** Cells the filters left out but a selected cell needs: id → the cell that needs it. */
  added: ReadonlyMap<string, string>;
}

export async function selectCells({
  file,
  displayName,
  only,
  exclude,
  strategy,
  spot,
  ids,
}: {
  file: string;
  /** How the file is named in messages, e.g. relative to where the user stands. */
  displayName: string;
  only: readonly string[];
  exclude: readonly string[];
  /** Overrides the matrix's build strategy (`--strategy`). */
  strategy?: BuildStrategy;
  /** `--spot`: cells without spot settings of their own build on Spot at most at the on-demand price. */
  spot?: boolean;
  /** Only these job ids, on top of the filters (`--rerun-failed`). */
  ids?: ReadonlySet<string>;
}): Promise<Selection> {
  const matrix = await loadMatrix({ file, displayName });
  const loaded =
    strategy || spot
      ? {
          ...matrix,
          jobs: matrix.jobs.map((job) => ({
            ...job,
            ...(strategy ? { strategy } : {}),
            ...(spot && !job.spot ? { spot: { maxPrice: "auto", instanceTypes: [] } } : {}),
          })),
        }
      : matrix;
  const filters = parseFilters({ only, exclude, jobs: loaded.jobs });
  const selected = applyFilters(loaded.jobs, filters).filter((job) => !ids || ids.has(job.id));
  if (selected.length === 0) {
    throw new UserError(
      `The filters leave none of the matrix's ${loaded.jobs.length} cells; loosen --only or --exclude.`,
    );
  }
  return { loaded, selected, ...withDependencies(selected, loaded.jobs) };
}
