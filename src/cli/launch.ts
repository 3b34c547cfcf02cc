// Which process this is. A launcher (the tsx CLI, `node --import tsx`) starts the supervisor, which
// starts the worker that runs the command (supervise-worker.ts says why). --help and friends start no
// builds, so they answer in the launched process at once.
import type { EventEmitter } from "node:events";
import { WORKER_ENV } from "./interrupt-message.ts";
import { superviseWorker } from "./supervise-worker.ts";
import { watchWorkerSignals } from "./worker-signals.ts";

/** The exit code of a run stopped by an interrupt. */
const INTERRUPTED = 130;

export type RunCommand = (args: {
  rawArgs: readonly string[];
  signals: Pick<EventEmitter, "on" | "off">;
}) => Promise<number>;

export async function launch({
  entry,
  rawArgs,
  run,
}: {
  entry: string;
  rawArgs: readonly string[];
  run: RunCommand;
}): Promise<number> {
  if (process.env[WORKER_ENV] === "1") return runAsWorker({ rawArgs, run });
  if (answersAtOnce(rawArgs)) return run({ rawArgs, signals: process });
  return superviseWorker({ entry, args: rawArgs });
}

// Help, the version and the IAM policy only print: no worker, no wait.
export function answersAtOnce(rawArgs: readonly string[]): boolean {
  return (
    rawArgs[0] === "policy" ||
    rawArgs.some((a) => a === "-h" || a === "--help" || a === "--version")
  );
}

async function runAsWorker({
  rawArgs,
  run,
}: {
  rawArgs: readonly string[];
  run: RunCommand;
}): Promise<number> {
  // Packer and anything else the run starts is not a worker.
  delete process.env[WORKER_ENV];
  keepGoingWithoutTerminal();
  const { signals, close } = watchWorkerSignals({
    // Before the run listens for interrupts nothing was started, so stopping at once loses nothing.
    onUnheard: () => process.exit(INTERRUPTED),
  });
  try {
    return await run({ rawArgs, signals });
  } finally {
    close();
  }
}

// A closed terminal (EIO) or a reader that went away (EPIPE) must not cost the run its cleanup and
// report: what cannot be shown is dropped, and the run goes on.
function keepGoingWithoutTerminal(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
}
