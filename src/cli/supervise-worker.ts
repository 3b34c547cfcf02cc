// The process a launcher starts only supervises: its event loop stays idle, so it acknowledges every
// signal at once (the tsx CLI SIGKILLs a child that takes over 60 ms; tsx-acknowledge.ts), and it
// relays each interrupt to the worker that does the work. The worker runs in a session of its own, so
// the terminal's signals (Ctrl-C, the hangup of a closed terminal) reach only the supervisor, which
// relays them once.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { constants } from "node:os";
import { pathToFileURL } from "node:url";
import { type InterruptMessage, WORKER_ENV } from "./interrupt-message.ts";
import { chainBroken, launchChain } from "./launch-chain.ts";
import { repeatAcknowledgement } from "./tsx-acknowledge.ts";
import { INTERRUPT_SIGNALS } from "./worker-signals.ts";

/** How often the supervisor checks that the tsx CLI that started it (and npx) is still there. */
const PARENT_CHECK_MS = 250;

export async function superviseWorker({
  entry,
  args,
  env = process.env,
}: {
  /** The script the worker runs (this tool's entry), with `--import tsx`. */
  entry: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
}): Promise<number> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const worker = spawn(process.execPath, ["--import", tsx, entry, ...args], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    detached: true,
    env: { ...env, [WORKER_ENV]: "1" },
  });
  const relay = (signal: string) => relayInterrupt(worker, signal);
  const handlers = INTERRUPT_SIGNALS.map((signal) => {
    const handler = () => {
      relay(signal);
      if (signal !== "SIGHUP")
        repeatAcknowledgement(signal, () => process.listeners(signal).includes(handler));
    };
    return [signal, handler] as const;
  });
  for (const [signal, handler] of handlers) process.on(signal, handler);
  // The worker is not in the terminal's foreground group, so it learns of a resize from here.
  const onResize = () => worker.kill("SIGWINCH");
  process.on("SIGWINCH", onResize);
  const stopWatchingParent = watchLauncher(() => relay("SIGHUP"));
  try {
    return await new Promise<number>((resolve) => {
      worker.once("error", (error) => {
        process.stderr.write(`error: could not start the worker process: ${error.message}\n`);
        resolve(70);
      });
      worker.once("exit", (code, signal) =>
        resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)),
      );
    });
  } finally {
    stopWatchingParent();
    process.off("SIGWINCH", onResize);
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}

function relayInterrupt(worker: ChildProcess, signal: string): void {
  const message: InterruptMessage = { type: "ami-matrix:interrupt", signal, at: Date.now() };
  // Without the channel (it closed in between), the signal itself says as much.
  const signalInstead = () => {
    try {
      worker.kill(signal as NodeJS.Signals);
    } catch {
      // The worker has exited; its exit ends the supervisor too.
    }
  };
  if (!worker.connected) {
    signalInstead();
    return;
  }
  worker.send(message, (error) => {
    if (error) signalInstead();
  });
}

// Started by the tsx CLI, the supervisor is a child of the process the user (or CI) started, or of
// the one npx started (launch-chain.ts). When one of those dies (SIGHUP or SIGKILL sent to the tsx
// CLI alone, SIGTERM to npx alone), the shell has told the user the tool exited, so the run stops as
// if the terminal had hung up. Started any other way, its parent is the shell or a CI runner, whose
// end means nothing to the run.
function watchLauncher(onGone: () => void): () => void {
  if (!process.execArgv.some((arg) => /[\\/]tsx[\\/]dist[\\/]preflight\.cjs$/.test(arg)))
    return () => {};
  const parent = process.ppid;
  const chain = launchChain(parent);
  const timer = setInterval(() => {
    if (process.ppid === parent && !chainBroken(chain)) return;
    clearInterval(timer);
    onGone();
  }, PARENT_CHECK_MS);
  return () => clearInterval(timer);
}
