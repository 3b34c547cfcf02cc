// The processes of one run, found by a marker in their command line (its run folder, its report
// path), with their process groups: tests check that none is left and clean up if one is.
import { readdir, readFile } from "node:fs/promises";

export interface ProcessEntry {
  pid: number;
  pgid: number;
  ppid: number;
  args: string[];
}

export async function processesWith(marker: string): Promise<ProcessEntry[]> {
  const found: ProcessEntry[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8");
      if (!cmdline.includes(marker)) continue;
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[0] === "Z") continue; // exited, not yet reaped
      found.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        pgid: Number(fields[2]),
        args: cmdline.split("\0").filter(Boolean),
      });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/** SIGKILL to every group of these processes, for a test's cleanup. */
export function killGroups(processes: readonly ProcessEntry[]): void {
  for (const group of new Set(processes.map((p) => p.pgid))) {
    try {
      process.kill(-group, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
