import * as nodeFs from "node:fs/promises";
import { errorMessage } from "../errors.ts";
import { writeFileAtomic } from "../fs/write-file-atomic.ts";
import type { CellBuild } from "./cell-builds.ts";
import { formatCell } from "./cell-format.ts";
import { cellObstacle, describeObstacle } from "./cell-obstacle.ts";
import { resolveCellPath } from "./cell-path.ts";
import { runCoalesced } from "./run-coalesced.ts";
import { readCell } from "./scan-cells.ts";
import { type AmiListFs, type IndexUpdate, updateIndex } from "./update-index.ts";

export interface AmiListWriter {
  /**
   * Writes one cell (relative, `/`-separated path) and brings index.json up to date, with how the AMI
   * was built when given.
   */
  write(file: string, amiId: string, build?: CellBuild): Promise<"written" | "unchanged">;
  /** Rescans the folder and rewrites index.json if it changed; reports unreadable cells. */
  updateIndex(): Promise<IndexUpdate>;
}

// One writer per run is shared by all parallel jobs, so it is the one place that orders index updates.
export function createAmiListWriter({
  dir,
  fs = nodeFs,
}: {
  dir: string;
  fs?: AmiListFs;
}): AmiListWriter {
  const fresh = new Map<string, CellBuild>();
  const refreshIndex = runCoalesced(() => updateIndex({ dir, fs, fresh }));
  return {
    async write(file, amiId, build) {
      if (build) fresh.set(file, build);
      const target = resolveCellPath(dir, file);
      const content = formatCell(amiId);
      let unchanged: boolean;
      try {
        const current = await readCell(target, { fs });
        // Same id in an older layout (no newline, CRLF) counts as unchanged: no churn in the committed folder.
        unchanged = current?.ok === true && current.amiId === amiId;
        if (!unchanged) await writeFileAtomic(target, content, { fs });
      } catch (error) {
        throw new Error(await cellNotWritten({ dir, file, amiId, error }), { cause: error });
      }
      try {
        await refreshIndex();
      } catch (error) {
        throw new Error(
          `the cell ${file} holds ${amiId}, but index.json (or amis.tf.json) could not be updated: ${errorMessage(error)}; the next run rebuilds it`,
          { cause: error },
        );
      }
      return unchanged ? "unchanged" : "written";
    },
    updateIndex: refreshIndex,
  };
}

// The raw EISDIR or ENOTDIR says little; the obstacle on disk says what to move.
async function cellNotWritten({
  dir,
  file,
  amiId,
  error,
}: {
  dir: string;
  file: string;
  amiId: string;
  error: unknown;
}): Promise<string> {
  const obstacle = await cellObstacle(dir, file);
  const reason = obstacle ? describeObstacle(obstacle, { cellFile: file }) : errorMessage(error);
  return `${amiId} was built, but its AMI list cell ${file} could not be written: ${reason}. The AMI is recorded in this run's report`;
}
