// If this process dies with Packer builds still running, they would carry on unwatched and leave
// instances or AMIs nobody records. On exit each live group gets SIGTERM, which Packer treats like an
// interrupt; with our end of its stdout gone it may die at its next write before cleaning up, but
// nothing of it keeps running.
import { signalProcessGroup } from "./process-group.ts";

const liveGroups = new Set<number>();
let installed = false;

export function rememberGroup(pid: number): void {
  liveGroups.add(pid);
  if (installed) return;
  installed = true;
  process.once("exit", () => {
    for (const group of liveGroups) signalProcessGroup(group, "SIGTERM");
  });
}

export function forgetGroup(pid: number): void {
  liveGroups.delete(pid);
}
