// The lock file's operations: made whole or not at all, read, and a stale one taken over (a live one
// moved aside by mistake is put back).
import { link, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { errorMessage, UserError } from "../errors.ts";
import { tempNameFor } from "../fs/write-file-atomic.ts";
import {
  formatLockOwner,
  LOCK_FILE,
  type LockOwner,
  parseLockOwner,
  sameOwner,
} from "./lock-owner.ts";

// Whether this call made the folder; undefined when it cannot be made.
export async function makeFolder(dir: string): Promise<boolean | undefined> {
  try {
    return (await mkdir(dir, { recursive: true })) !== undefined;
  } catch {
    return undefined;
  }
}

// The lock appears whole or not at all: written aside, then hard-linked into place (fails if one exists).
// A folder this process may not write in is refused by preflight, like one that cannot be made.
export async function tryCreate(file: string, owner: LockOwner): Promise<boolean | "not writable"> {
  const temp = path.join(path.dirname(file), tempNameFor(LOCK_FILE));
  try {
    await writeFile(temp, formatLockOwner(owner), { flag: "wx" });
  } catch (error) {
    if (NOT_WRITABLE.has((error as NodeJS.ErrnoException).code ?? "")) return "not writable";
    throw error;
  }
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new UserError(
      `Cannot take the lock ${file} of the AMI list: ${errorMessage(error)}. The AMI list must be on a file system with hard links (any local one).`,
      { cause: error },
    );
  } finally {
    await rm(temp, { force: true });
  }
}

const NOT_WRITABLE = new Set(["EACCES", "EPERM", "EROFS"]);

// What the lock says; `owner` is undefined when it is not a lock ami-matrix wrote.
export async function readLock(file: string): Promise<{ owner?: LockOwner } | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return { owner: parseLockOwner(text) };
}

// Moves the stale lock aside; if what was moved is not it (another run took over in between: its owner
// differs), that lock is put back. True when the stale lock is gone.
// A third run starting in the instant between the move and the put-back could still take the free lock:
// that needs three runs starting at once over a dead run's lock.
export async function takeOver(file: string, stale: LockOwner): Promise<boolean> {
  const aside = path.join(path.dirname(file), tempNameFor(`${LOCK_FILE}.stale`));
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  const moved = await readLock(aside);
  const same = sameOwner(moved, stale);
  if (!same) await link(aside, file).catch(() => {});
  await rm(aside, { force: true });
  return same;
}

// Signal 0 only asks whether the pid exists; EPERM means it does, under another user.
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
