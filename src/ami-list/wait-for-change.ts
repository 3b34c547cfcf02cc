// Waiting for the AMI list's lock: woken by a change in the folder (the lock removed) or a timer (a holder
// killed outright changes nothing), and stopped by Ctrl-C.
import type { EventEmitter } from "node:events";
import { watch } from "node:fs";
import { UserError } from "../errors.ts";

/** Ctrl-C while waiting for the lock: nothing was started, exit 130. */
export class LockWaitStopped extends UserError {
  override readonly exitCode = 130;
  override name = "LockWaitStopped";
}

// Wakes on a change in the folder (the lock removed) or after recheckMs; Ctrl-C stops the wait.
export function waitForChange({
  dir,
  signals,
  recheckMs = 1000,
  owner,
}: {
  dir: string;
  signals: Pick<EventEmitter, "on" | "off">;
  recheckMs?: number;
  /** The holder, as the message on Ctrl-C names it. */
  owner: string;
}): Promise<void> {
  return new Promise((resolve, reject) => {
    let watcher: ReturnType<typeof watch> | undefined;
    const end = () => {
      clearTimeout(timer);
      watcher?.close();
      signals.off("SIGINT", onInt);
      signals.off("SIGTERM", onTerm);
    };
    const wake = () => {
      end();
      resolve();
    };
    const stop = (signal: string) => {
      end();
      reject(
        new LockWaitStopped(
          `${signal}: stopped waiting for ${owner} to release the AMI list; nothing was started.`,
        ),
      );
    };
    const onInt = () => stop("SIGINT");
    const onTerm = () => stop("SIGTERM");
    const timer = setTimeout(wake, recheckMs);
    signals.on("SIGINT", onInt);
    signals.on("SIGTERM", onTerm);
    try {
      watcher = watch(dir, { persistent: false }, wake);
      watcher.on("error", () => watcher?.close());
    } catch {
      // No change events on this file system: the timer alone wakes the wait.
    }
  });
}
