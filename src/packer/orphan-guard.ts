// If this process dies with Packer builds still running, they would carry on unwatched and leave
// instances or AMIs nobody records; on exit each live group is asked to cancel (SIGTERM, which Packer
// treats like an interrupt).
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
