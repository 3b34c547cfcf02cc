import * as nodeFs from "node:fs/promises";
import path from "node:path";
import { readFileIfExists } from "../fs/read-file-if-exists.ts";
import { type AtomicWriteFs, writeFileAtomic } from "../fs/write-file-atomic.ts";
import { INDEX_FILE } from "./cell-path.ts";
import { type AmiListCells, formatIndex } from "./index-format.ts";
import { type ScanFs, scanCells } from "./scan-cells.ts";

export type AmiListFs = AtomicWriteFs & ScanFs;

export interface IndexUpdate extends AmiListCells {
  status: "written" | "unchanged";
}

// Rewrites index.json only when its bytes would change, so a run that built nothing new leaves git clean.
export async function updateIndex({
  dir,
  fs = nodeFs,
}: {
  dir: string;
  fs?: AmiListFs;
}): Promise<IndexUpdate> {
  const found = await scanCells(dir, { fs });
  const text = formatIndex(found);
  const file = path.join(dir, INDEX_FILE);
  if ((await readFileIfExists(file, { fs })) === text) return { ...found, status: "unchanged" };
  await writeFileAtomic(file, text, { fs });
  return { ...found, status: "written" };
}
