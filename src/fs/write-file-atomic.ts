// Readers (git, a parallel job, a crashed run's successor) must only ever see the old or the new file:
// a temporary file in the same folder, flushed, then renamed over the target. fs-extra has no atomic
// write (its outputFile writes in place), so this stays on node:fs, whose calls tests can swap.
import { randomBytes } from "node:crypto";
import * as nodeFs from "node:fs/promises";
import path from "node:path";
import { errorMessage } from "../errors.ts";

/** The file-system calls an atomic write needs; tests pass a variant to simulate a crash. */
export type AtomicWriteFs = Pick<typeof nodeFs, "mkdir" | "open" | "rename" | "rm">;

export interface WriteFileAtomicOptions {
  fs?: AtomicWriteFs;
}

export async function writeFileAtomic(
  file: string,
  content: string | Uint8Array,
  { fs = nodeFs }: WriteFileAtomicOptions = {},
): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, tempNameFor(path.basename(file)));
  try {
    await fs.mkdir(dir, { recursive: true });
    const handle = await fs.open(temp, "wx");
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw new Error(`Could not write ${file}: ${errorMessage(error)}`, { cause: error });
  }
  await syncDirectory(dir, fs);
}

// Hidden (leading dot) so that folder scans and `ls` skip a temp file left by a killed process.
export function tempNameFor(basename: string): string {
  return `.${basename}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
}

// Makes the rename itself durable; some platforms cannot fsync a folder, and that is not worth failing for.
async function syncDirectory(dir: string, fs: AtomicWriteFs): Promise<void> {
  try {
    const handle = await fs.open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
