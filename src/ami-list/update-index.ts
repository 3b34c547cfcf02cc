import * as nodeFs from "node:fs/promises";
import path from "node:path";
import { readFileIfExists } from "../fs/read-file-if-exists.ts";
import { type AtomicWriteFs, writeFileAtomic } from "../fs/write-file-atomic.ts";
import { buildsOfIndex, type CellBuild, keptBuilds } from "./cell-builds.ts";
import { INDEX_FILE } from "./cell-path.ts";
import { type AmiListCells, formatIndex } from "./index-format.ts";
import { type ScanFs, scanCells } from "./scan-cells.ts";
import { syncTerraformFile } from "./terraform-file.ts";

export type AmiListFs = AtomicWriteFs & ScanFs;

export interface IndexUpdate extends AmiListCells {
  status: "written" | "unchanged";
}

// Rewrites index.json only when its bytes would change, so a run that built nothing new leaves git clean;
// the Terraform file beside it follows the same rule.
export async function updateIndex({
  dir,
  fs = nodeFs,
  fresh = new Map(),
}: {
  dir: string;
  fs?: AmiListFs;
  /** Build facts of cells this run wrote, by cell path. */
  fresh?: ReadonlyMap<string, CellBuild>;
}): Promise<IndexUpdate> {
  const file = path.join(dir, INDEX_FILE);
  const [found, before] = await Promise.all([
    scanCells(dir, { fs }),
    readFileIfExists(file, { fs }),
  ]);
  const builds = keptBuilds({ cells: found.cells, previous: buildsOfIndex(before), fresh });
  const indexed = { ...found, builds };
  const text = formatIndex(indexed);
  const status = before === text ? "unchanged" : "written";
  if (status === "written") await writeFileAtomic(file, text, { fs });
  await syncTerraformFile({ dir, cells: found.cells, builds, fs });
  return { ...indexed, status };
}
