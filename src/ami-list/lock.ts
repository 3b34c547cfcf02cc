// One writer per AMI list: a run holds a lock file in the folder from before planning until it exits, so
// two runs never mix their cells. A lock whose process is gone (same host, pid not alive) is taken over
// with a notice; otherwise a second run stops naming the first, or waits for it with --wait-for-lock.
// Written here rather than with proper-lockfile, which detects staleness by mtime refreshed on a timer
// and records no run id, pid or host to name the holder by.
import type { EventEmitter } from "node:events";
import { watch } from "node:fs";
import { link, mkdir, open, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { errorMessage, UserError } from "../errors.ts";
import { tempNameFor } from "../fs/write-file-atomic.ts";
import {
  describeLockOwner,
  formatLockOwner,
  LOCK_FILE,
  type LockOwner,
  parseLockOwner,
} from "./lock-owner.ts";

export interface AmiListLock {
  /** False when the folder cannot be written at all, which preflight reports. */
  held: boolean;
  /** Removes the lock file if it is still this run's (and the AMI list folder, if the lock made it and it is empty). */
  release(): Promise<void>;
}

/** Ctrl-C while waiting for the lock: nothing was started, exit 130. */
export class LockWaitStopped extends UserError {
  override readonly exitCode = 130;
  override name = "LockWaitStopped";
}

export interface LockOptions {
  dir: string;
  runId: string;
  /** Wait for the holder to finish instead of stopping (--wait-for-lock). */
  wait: boolean;
  /** Where Ctrl-C arrives while waiting. */
  signals: Pick<EventEmitter, "on" | "off">;
  /** Lines for the person running: a lock taken over, what the run waits for. */
  notice: (line: string) => void;
  display?: (file: string) => string;
  /** How often a wait looks again when the folder's change events say nothing (a holder killed outright). */
  recheckMs?: number;
  host?: string;
  pid?: number;
  now?: () => number;
}

export async function lockAmiList(options: LockOptions): Promise<AmiListLock> {
  const { dir, runId, display = (file) => file, host = hostname(), pid = process.pid } = options;
  const now = options.now ?? Date.now;
  const file = path.join(dir, LOCK_FILE);
  const createdDir = await makeFolder(dir);
  // Nothing can be written there, so there is nothing to guard: preflight refuses the folder, together
  // with every other problem it finds.
  if (createdDir === undefined) return NOT_HELD;
  const mine: LockOwner = { runId, pid, host, startedAt: new Date(now()).toISOString() };
  const describe = (owner: LockOwner) => describeLockOwner(owner, { host, now: now() });
  const isStale = (owner: LockOwner) => owner.host === host && !isAlive(owner.pid);
  let announced: string | undefined;
  for (;;) {
    const created = await tryCreate(file, mine);
    if (created === "not writable") return NOT_HELD;
    if (created) break;
    const held = await readLock(file);
    if (!held) continue;
    const { owner } = held;
    if (!owner) {
      throw new UserError(
        `${display(file)} is not a lock that ami-matrix wrote. If no ami-matrix run is using the AMI list ${display(dir)}, remove that file and run again.`,
      );
    }
    if (isStale(owner)) {
      if (await takeOver(file, held.ino))
        options.notice(
          `Took over the lock of the AMI list ${display(dir)} from ${describe(owner)}: that process is gone.`,
        );
      continue;
    }
    if (!options.wait) {
      const gone =
        owner.host === host
          ? ""
          : ` If that run is gone (the lock of another host cannot be checked from here), remove ${display(file)}.`;
      throw new UserError(
        `The AMI list ${display(dir)} is in use by ${describe(owner)}; two runs on one AMI list would mix their cells. Wait for that run to end, or pass --wait-for-lock to wait for it.${gone}`,
      );
    }
    if (announced !== owner.runId) {
      announced = owner.runId;
      options.notice(
        `Waiting for ${describe(owner)} to release the AMI list ${display(dir)} (--wait-for-lock); Ctrl-C stops waiting.`,
      );
    }
    const stillHeld = async () => {
      const current = await readLock(file);
      return current?.ino === held.ino && !isStale(owner);
    };
    do {
      await waitForChange({ ...options, owner: describe(owner) });
    } while (await stillHeld());
  }
  let released = false;
  return {
    held: true,
    async release() {
      if (released) return;
      released = true;
      const held = await readLock(file);
      if (held?.owner?.runId === runId && held.owner.pid === pid) await rm(file, { force: true });
      if (createdDir) await rmdir(dir).catch(() => {}); // only if nothing was written in it
    },
  };
}

// Whether this call made the folder; undefined when it cannot be made.
async function makeFolder(dir: string): Promise<boolean | undefined> {
  try {
    return (await mkdir(dir, { recursive: true })) !== undefined;
  } catch {
    return undefined;
  }
}

// The lock appears whole or not at all: written aside, then hard-linked into place (fails if one exists).
// A folder this process may not write in is refused by preflight, like one that cannot be made.
async function tryCreate(file: string, owner: LockOwner): Promise<boolean | "not writable"> {
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

const NOT_HELD: AmiListLock = { held: false, release: async () => {} };
const NOT_WRITABLE = new Set(["EACCES", "EPERM", "EROFS"]);

// Content and inode from one open file, so they belong together.
async function readLock(file: string): Promise<{ owner?: LockOwner; ino: number } | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const { ino } = await handle.stat();
    return { owner: parseLockOwner(await handle.readFile("utf8")), ino };
  } finally {
    await handle.close();
  }
}

// Moves the stale lock aside; if what was moved is not the stale lock (another run took over in between),
// it is put back. True when the stale lock is gone.
async function takeOver(file: string, staleIno: number): Promise<boolean> {
  const aside = path.join(path.dirname(file), tempNameFor(`${LOCK_FILE}.stale`));
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  const moved = await stat(aside);
  if (moved.ino !== staleIno) await link(aside, file).catch(() => {});
  await rm(aside, { force: true });
  return moved.ino === staleIno;
}

// Signal 0 only asks whether the pid exists; EPERM means it does, under another user.
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// Wakes on a change in the folder (the lock removed) or after recheckMs; Ctrl-C stops the wait.
function waitForChange({
  dir,
  signals,
  recheckMs = 1000,
  owner,
}: LockOptions & { owner: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    let watcher: ReturnType<typeof watch> | undefined;
    const end = () => {
      clearTimeout(timer);
      watcher?.close();
      signals.off("SIGINT", onInt);
      signals.off("SIGTERM", onTerm);
    };
    const wake = () => {
      end();
      resolve();
    };
    const stop = (signal: string) => {
      end();
      reject(
        new LockWaitStopped(
          `${signal}: stopped waiting for ${owner} to release the AMI list; nothing was started.`,
        ),
      );
    };
    const onInt = () => stop("SIGINT");
    const onTerm = () => stop("SIGTERM");
    const timer = setTimeout(wake, recheckMs);
    signals.on("SIGINT", onInt);
    signals.on("SIGTERM", onTerm);
    try {
      watcher = watch(dir, { persistent: false }, wake);
      watcher.on("error", () => watcher?.close());
    } catch {
      // No change events on this file system: the timer alone wakes the wait.
    }
  });
}
