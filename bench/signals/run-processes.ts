// The processes of one try, found by their working folder (the project copy or below it): the
// launcher, the supervisor, the worker, Packer and its plugins. The shell that typed the command
// sits in the same folder and is left out.
import { readdir, readFile, readlink } from "node:fs/promises";

export interface RunProcess {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  comm: string;
  args: string;
}

const SHELLS = new Set(["bash", "tmux: server", "tmux: client"]);

export async function runProcesses(folder: string): Promise<RunProcess[]> {
  const found: RunProcess[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cwd = await readlink(`/proc/${entry}/cwd`);
      if (cwd !== folder && !cwd.startsWith(`${folder}/`)) continue;
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const state = fields[0] ?? "";
      if (state === "Z" || SHELLS.has(comm)) continue;
      const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8");
      found.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        pgid: Number(fields[2]),
        state,
        comm,
        args: cmdline.split("\0").filter(Boolean).join(" "),
      });
    } catch {
      // gone while we looked, or not ours
    }
  }
  return found;
}

/** Packer's own processes (the wrapper, the real one, its plugins). */
export function packerProcesses(processes: readonly RunProcess[]): RunProcess[] {
  return processes.filter((p) => p.comm === "packer" || /(^|\/)packer(\s|$)/.test(p.args));
}

/** The process the shell started: the one whose parent is not of the run. */
export function wrapperOf(processes: readonly RunProcess[]): RunProcess | undefined {
  return processes.find((p) => !processes.some((q) => q.pid === p.ppid));
}

/** SIGKILL to every group of these processes: the loop's own cleanup after a failed try. */
export function killGroups(processes: readonly RunProcess[]): void {
  for (const group of new Set(processes.map((p) => p.pgid))) {
    try {
      process.kill(-group, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
