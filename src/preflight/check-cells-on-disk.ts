// The plan refuses what the writer would refuse: a folder where a cell goes, or a file where its folder
// goes, would fail the write after the AMI was built. Nothing is created by the check.
import { cellObstacle, describeObstacle } from "../ami-list/cell-obstacle.ts";
import { ProblemsError } from "../errors.ts";
import type { Job } from "../model/job.ts";

export async function checkCellsOnDisk({
  dir,
  jobs,
  display,
}: {
  /** The AMI list folder the run writes. */
  dir: string;
  jobs: readonly Job[];
  display: (file: string) => string;
}): Promise<string[]> {
  const problems = await Promise.all(
    jobs.map(async (job) => {
      const obstacle = await cellObstacle(dir, job.amiListFile);
      return (
        obstacle &&
        `job ${job.id}: ${describeObstacle(obstacle, { cellFile: job.amiListFile, display })}`
      );
    }),
  );
  return problems.filter((problem) => problem !== undefined);
}

/** Throws every cell in the way at once (exit 2), before anything is spent. */
export async function refuseCellsInTheWay(options: Parameters<typeof checkCellsOnDisk>[0]) {
  const problems = await checkCellsOnDisk(options);
  if (problems.length === 0) return;
  throw new ProblemsError({
    problems,
    headline: (count) =>
      `The AMI list ${options.display(options.dir)} has ${count}; nothing was started`,
  });
}
