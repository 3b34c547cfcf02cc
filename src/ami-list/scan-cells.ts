import type { Dirent } from "node:fs";
import * as nodeFs from "node:fs/promises";
import path from "node:path";
import { isNotFound, readFileIfExists } from "../fs/read-file-if-exists.ts";
import { type ParsedCell, parseCell } from "./cell-format.ts";
import { INDEX_FILE, TERRAFORM_FILE } from "./cell-path.ts";
import { type AmiListCells, compareCodeUnits, type UnreadableCell } from "./index-format.ts";

export type ScanFs = Pick<typeof nodeFs, "readdir" | "readFile">;

// The index is derived from the files on disk, so cells kept from earlier runs stay in it.
export async function scanCells(
  dir: string,
  { fs = nodeFs }: { fs?: ScanFs } = {},
): Promise<AmiListCells> {
  const cells: Record<string, string> = {};
  const unreadable: UnreadableCell[] = [];
  const files = await listCellFiles({ dir, relative: "", fs }).catch((error: unknown) => {
    if (isNotFound(error)) return [];
    throw error;
  });
  files.sort((a, b) => compareCodeUnits(a.relative, b.relative));
  for (const file of files) {
    if (!file.isRegularFile) {
      unreadable.push({ file: file.relative, reason: "not a regular file" });
      continue;
    }
    const parsed = parseCell(await fs.readFile(path.join(dir, file.relative), "utf8"));
    if (parsed.ok) cells[file.relative] = parsed.amiId;
    else unreadable.push({ file: file.relative, reason: parsed.reason });
  }
  return { cells, unreadable };
}

// Reads one cell; `undefined` when it does not exist yet.
export async function readCell(
  file: string,
  { fs = nodeFs }: { fs?: ScanFs } = {},
): Promise<ParsedCell | undefined> {
  const text = await readFileIfExists(file, { fs });
  return text === undefined ? undefined : parseCell(text);
}

interface FoundFile {
  relative: string;
  isRegularFile: boolean;
}

// Hidden entries (temp files of an atomic write, the lock, .gitignore), the index and the Terraform file
// beside it are not cells.
async function listCellFiles({
  dir,
  relative,
  fs,
}: {
  dir: string;
  relative: string;
  fs: ScanFs;
}): Promise<FoundFile[]> {
  const entries: Dirent[] = await fs.readdir(path.join(dir, relative), { withFileTypes: true });
  const found: FoundFile[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
    if (child === INDEX_FILE || child === TERRAFORM_FILE) continue;
    if (entry.isDirectory()) found.push(...(await listCellFiles({ dir, relative: child, fs })));
    else found.push({ relative: child, isRegularFile: entry.isFile() });
  }
  return found;
}
