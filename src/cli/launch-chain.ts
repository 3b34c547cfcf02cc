// The processes between the user's shell (or a CI step) and the supervisor, which together are "the
// tool" the shell waits for. When one of them ends, the shell says the tool exited, so the run must
// stop as after a hangup (supervise-worker.ts). Started by the tsx CLI, that is the tsx CLI's process;
// started by npx, also the `sh -c` npx runs it through and npx itself: SIGTERM to npx alone kills that
// shell at once and npx exits 143, while the tsx CLI, orphaned, lives on and keeps the run going.
import { readFileSync } from "node:fs";
import path from "node:path";
import { readStat } from "../run-record/process-identity.ts";

export interface ProcessView {
  ppid: number;
  args: readonly string[];
  /** Tells a reused pid apart. */
  startTicks: number | undefined;
}

/** Reads a process, undefined once it is gone (or a zombie, which runs no more). */
export type ReadProcess = (pid: number) => ProcessView | undefined;

export interface ChainMember {
  pid: number;
  startTicks: number | undefined;
}

/** The launcher (the supervisor's parent) and, when npx started it, npx's shell and npx. */
export function launchChain(launcherPid: number, read: ReadProcess = readProcess): ChainMember[] {
  const launcher = read(launcherPid);
  if (!launcher) return [];
  const chain = [{ pid: launcherPid, startTicks: launcher.startTicks }];
  const shell = read(launcher.ppid);
  if (!shell || !isScriptShell(shell.args)) return chain;
  const npx = read(shell.ppid);
  if (!npx || !isNpx(npx.args)) return chain;
  return [
    ...chain,
    { pid: launcher.ppid, startTicks: shell.startTicks },
    { pid: shell.ppid, startTicks: npx.startTicks },
  ];
}

/** Whether a process of the chain has ended (its pid gone, a zombie, or another process's now). */
export function chainBroken(chain: readonly ChainMember[], read: ReadProcess = readLife): boolean {
  return chain.some((member) => {
    const now = read(member.pid);
    return now === undefined || now.startTicks !== member.startTicks;
  });
}

// npm runs a package's binary through `sh -c`.
function isScriptShell(args: readonly string[]): boolean {
  return ["sh", "dash", "bash"].includes(path.basename(args[0] ?? "")) && args[1] === "-c";
}

// npm names its process after the command (`npm exec tsx build-amis.ts`), as one argument.
function isNpx(args: readonly string[]): boolean {
  return (
    /^(npm exec|npx)( |$)/.test(args.join(" ")) || args.some((arg) => /[\\/]npx-cli\.js$/.test(arg))
  );
}

function readProcess(pid: number): ProcessView | undefined {
  const life = readLife(pid);
  if (!life) return undefined;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    return { ...life, args };
  } catch {
    return undefined;
  }
}

// Checked every quarter of a second: the stat line only, not the command line.
function readLife(pid: number): ProcessView | undefined {
  const stat = readStat(pid);
  if (!stat || stat.state === "Z" || stat.state === "X") return undefined;
  return { ppid: stat.ppid, args: [], startTicks: stat.startTicks };
}
