// Writes a merge plan into the target with the AMI list's own writer (each cell atomic, the index and
// the Terraform file brought up to date). Everything that could stop a cell is checked first, so a
// merge that cannot write all its cells writes none.
import { cellObstacle, describeObstacle } from "../ami-list/cell-obstacle.ts";
import { createAmiListWriter } from "../ami-list/writer.ts";
import { errorMessage, ProblemsError } from "../errors.ts";
import type { CellChange } from "./plan-merge.ts";

export async function applyMerge({
  dir,
  changes,
  target,
  display,
}: {
  dir: string;
  changes: readonly CellChange[];
  /** The target as shown to the user. */
  target: string;
  display: (file: string) => string;
}): Promise<string[]> {
  const obstacles = await Promise.all(
    changes.map(async ({ file }) => {
      const obstacle = await cellObstacle(dir, file);
      return obstacle && describeObstacle(obstacle, { cellFile: file, display });
    }),
  );
  const problems = obstacles.filter((problem) => problem !== undefined);
  if (problems.length > 0)
    throw new ProblemsError({
      problems,
      headline: (count) => `Cannot merge into ${target}: ${count}; nothing was written`,
    });
  const writer = createAmiListWriter({ dir });
  const written = await Promise.allSettled(
    changes.map((change) => writer.write(change.file, change.ami, change.build)),
  );
  // What a disk error stopped, cell by cell; the cells written before it stay, as in a run.
  return written.flatMap((result, i) =>
    result.status === "rejected" ? [`${changes[i]?.file}: ${errorMessage(result.reason)}`] : [],
  );
}
