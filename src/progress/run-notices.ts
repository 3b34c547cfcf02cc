// What a person pressing Ctrl-C must read: what happens now, and what pressing it again would cost.

import { formatRemaining } from "../text/durations.ts";
import { plural } from "../text/plural.ts";
import type { RunProgress } from "./run-progress.ts";

export function interruptNotice({
  signal,
  cleaningUp,
  killAfterMs,
}: {
  signal: string;
  cleaningUp: readonly string[];
  /** Left of the grace period, as of the moment the notice is shown. */
  killAfterMs: number;
}): string {
  const stopping = `${signal}: no new build starts`;
  if (cleaningUp.length === 0) return `${stopping}; no build is running`;
  return `${stopping}; ${plural(cleaningUp.length, "build")} ${cleaningUp.length === 1 ? "is" : "are"} cleaning up cloud resources, killed in ${formatRemaining(killAfterMs)} if not done. Ctrl-C again to see what forcing leaves`;
}

export function forceWarning({ cleaningUp }: { cleaningUp: readonly string[] }): string {
  if (cleaningUp.length === 0) return "Ctrl-C again stops now; no build is cleaning up";
  const their = cleaningUp.length === 1 ? "its" : "their";
  return `WARNING: Ctrl-C again kills ${plural(cleaningUp.length, "build")} now; ${their} cloud resources may be left behind: ${cleaningUp.join(", ")}`;
}

// The notice under the job lines: the force warning once given, else the interrupt, counting only the
// builds still cleaning up.
export function runNotice(run: RunProgress, now: number): string | undefined {
  const stillCleaning = (ids: readonly string[]) =>
    ids.filter((id) => run.jobs.get(id)?.phase === "running");
  if (run.forceWarning)
    return forceWarning({ cleaningUp: stillCleaning(run.forceWarning.cleaningUp) });
  if (!run.interrupt) return undefined;
  const { signal, cleaningUp, killAfterMs, at } = run.interrupt;
  return interruptNotice({
    signal,
    cleaningUp: stillCleaning(cleaningUp),
    killAfterMs: at + killAfterMs - now,
  });
}
