// Where a run will write (the AMI list, the report) is checked before anything is spent: a bad path
// must not surface after 32 builds. Nothing is created by the check.
import { access, constants, stat } from "node:fs/promises";
import path from "node:path";

export async function writableLocationProblem({
  target,
  kind,
  flag,
}: {
  target: string;
  /** A folder the run writes into, or a file it writes. */
  kind: "folder" | "file";
  flag: string;
}): Promise<string | undefined> {
  const existing = await stat(target).catch(() => undefined);
  if (existing) {
    if (kind === "folder" && !existing.isDirectory())
      return `${flag} ${target}: is a file, not a folder`;
    if (kind === "file" && existing.isDirectory())
      return `${flag} ${target}: is a folder; give a file name`;
  }
  // The nearest folder that exists must be a folder we may write in; the rest is created later.
  let dir = existing && kind === "folder" ? target : path.dirname(target);
  for (;;) {
    const info = await stat(dir).catch(() => undefined);
    if (info) {
      if (!info.isDirectory())
        return `${flag} ${target}: ${dir} is a file, so nothing can be written below it`;
      const writable = await access(dir, constants.W_OK).then(
        () => true,
        () => false,
      );
      return writable ? undefined : `${flag} ${target}: ${dir} is not writable`;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return `${flag} ${target}: no existing folder above it`;
    dir = parent;
  }
}
