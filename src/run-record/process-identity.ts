// Whether the process that ran a run (or one of its Packer builds) is still there. A pid alone can be
// reused, so on Linux the boot id and the process's start time are kept with it; a process on another
// host cannot be checked from here.
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import type { ProcessIdentity } from "./run-record.ts";

export function identify(pid: number): ProcessIdentity {
  const bootId = readBootId();
  const startTicks = readStat(pid)?.startTicks;
  return {
    pid,
    host: hostname(),
    ...(bootId ? { bootId } : {}),
    ...(startTicks !== undefined ? { startTicks } : {}),
  };
}

export type Liveness = "alive" | "gone" | "elsewhere";

export function liveness(identity: ProcessIdentity): Liveness {
  if (identity.host !== hostname()) return "elsewhere";
  if (identity.bootId && identity.bootId !== readBootId()) return "gone";
  try {
    process.kill(identity.pid, 0);
  } catch (error) {
    // EPERM: the pid exists (another user's); its start time below says whether it is still ours.
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return "gone";
  }
  const stat = readStat(identity.pid);
  if (!stat) return "alive"; // no /proc: the pid is all there is to go by
  // A killed process stays a zombie until its parent (or init) reaps it: it runs no more.
  if (stat.state === "Z" || stat.state === "X") return "gone";
  if (identity.startTicks === undefined) return "alive";
  return stat.startTicks === identity.startTicks ? "alive" : "gone";
}

function readBootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface ProcessStat {
  state: string;
  ppid: number;
  startTicks: number | undefined;
}

// /proc/PID/stat: the state is field 3, the parent field 4 and the start time (clock ticks since
// boot) field 22, counted after the command name, which may hold spaces and brackets.
export function readStat(pid: number): ProcessStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[19]);
    return {
      state: fields[0] ?? "",
      ppid: Number(fields[1]),
      startTicks: Number.isFinite(ticks) ? ticks : undefined,
    };
  } catch {
    return undefined;
  }
}
