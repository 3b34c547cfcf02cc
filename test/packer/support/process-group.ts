// Whether anything of a Packer run is still running, straight from /proc: `kill(-pgid, 0)` also counts
// zombies that are merely waiting to be reaped.
import { readdirSync, readFileSync } from "node:fs";

export function livingGroupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // Fields after the parenthesised command name: state, ppid, pgrp, ...
    const [state, , group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(group) === pgid && state !== "Z") members.push(Number(entry));
  }
  return members;
}
