// One writer per AMI list: a run holds a lock file in the folder from before planning until it exits, so
// two runs never mix their cells. A lock whose process is gone (same host, pid not alive) is taken over
// with a notice; otherwise a second run stops naming the first, or waits for it with --wait-for-lock.
// Written here rather than with proper-lockfile: that locks with a directory whose mtime a timer keeps
// fresh and calls a lock stale by its age (a paused laptop loses it), and it records no run id, pid or
// host to name the holder by or to tell a dead process from a busy one.
import type { EventEmitter } from "node:events";
import { rm, rmdir } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { UserError } from "../errors.ts";
import { isAlive, makeFolder, readLock, takeOver, tryCreate } from "./lock-file.ts";
import { describeLockOwner, LOCK_FILE, type LockOwner, sameOwner } from "./lock-owner.ts";
import { waitForChange } from "./wait-for-change.ts";

export { LockWaitStopped } from "./wait-for-change.ts";

export interface AmiListLock {
  /** False when the folder cannot be written at all, which preflight reports. */
  held: boolean;
  /** Removes the lock file if it is still this run's (and the AMI list folder, if the lock made it and it is empty). */
  release(): Promise<void>;
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
      if (await takeOver(file, owner))
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
    const stillHeld = async () => sameOwner(await readLock(file), owner) && !isStale(owner);
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
      if (sameOwner(await readLock(file), mine)) await rm(file, { force: true });
      if (createdDir) await rmdir(dir).catch(() => {}); // only if nothing was written in it
    },
  };
}

const NOT_HELD: AmiListLock = { held: false, release: async () => {} };
