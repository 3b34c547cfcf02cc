import * as nodeFs from "node:fs/promises";
import { writeFileAtomic } from "../fs/write-file-atomic.ts";
import { formatCell } from "./cell-format.ts";
import { resolveCellPath } from "./cell-path.ts";
import { runCoalesced } from "./run-coalesced.ts";
import { readCell } from "./scan-cells.ts";
import { type AmiListFs, type IndexUpdate, updateIndex } from "./update-index.ts";

export interface AmiListWriter {
  /** Writes one cell (relative, `/`-separated path) and brings index.json up to date. */
  write(file: string, amiId: string): Promise<"written" | "unchanged">;
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
  const refreshIndex = runCoalesced(() => updateIndex({ dir, fs }));
  return {
    async write(file, amiId) {
      const target = resolveCellPath(dir, file);
      const content = formatCell(amiId);
      const current = await readCell(target, { fs });
      // Same id in an older layout (no newline, CRLF) counts as unchanged: no churn in the committed folder.
      const unchanged = current?.ok === true && current.amiId === amiId;
      if (!unchanged) await writeFileAtomic(target, content, { fs });
      await refreshIndex();
      return unchanged ? "unchanged" : "written";
    },
    updateIndex: refreshIndex,
  };
}
