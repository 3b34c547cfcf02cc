// Pure: what the AMI list's lock file says about the run holding it, and how a person reads that.
import { formatDuration } from "../text/durations.ts";

/** Hidden, so scans of the AMI list never take it for a cell; ami-list/.gitignore keeps it out of git. */
export const LOCK_FILE = ".ami-matrix.lock";

export interface LockOwner {
  runId: string;
  pid: number;
  host: string;
  /** ISO time the run took the lock. */
  startedAt: string;
}

export function formatLockOwner(owner: LockOwner): string {
  return `${JSON.stringify(owner, null, 2)}\n`;
}

// Undefined when the file is not a lock ami-matrix wrote (edited by hand, or another tool's).
export function parseLockOwner(text: string): LockOwner | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const { runId, pid, host, startedAt } = (value ?? {}) as Partial<
    Record<keyof LockOwner, unknown>
  >;
  if (typeof runId !== "string" || typeof host !== "string" || typeof startedAt !== "string")
    return undefined;
  if (typeof pid !== "number" || !Number.isInteger(pid) || pid <= 0) return undefined;
  return { runId, pid, host, startedAt };
}

/** The same holder (a lock's content, not its inode, names it: inode numbers are reused). */
export function sameOwner(found: { owner?: LockOwner } | undefined, owner: LockOwner): boolean {
  const other = found?.owner;
  return (
    other !== undefined &&
    other.runId === owner.runId &&
    other.pid === owner.pid &&
    other.host === owner.host &&
    other.startedAt === owner.startedAt
  );
}

// e.g. `run 20261130T205149Z-a743 (pid 4242 on this host, started 3m ago)`
export function describeLockOwner(
  owner: LockOwner,
  { host, now }: { host: string; now: number },
): string {
  const where = owner.host === host ? "this host" : `host ${owner.host}`;
  const started = Date.parse(owner.startedAt);
  const age = Number.isNaN(started)
    ? `at ${owner.startedAt}`
    : `${formatDuration(now - started, "age")} ago`;
  return `run ${owner.runId} (pid ${owner.pid} on ${where}, started ${age})`;
}
