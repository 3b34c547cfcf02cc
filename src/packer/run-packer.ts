// The one place that runs a `packer` process: it streams, masks and logs the output, reports events as
// they happen, and resolves when the process exits, leaving nothing of it running.
import { setTimeout as delay } from "node:timers/promises";
import { execa } from "execa";
import { createMasker } from "../secrets/mask-secrets.ts";
import { type BuildEvent, createBuildEventDecoder } from "./build-events.ts";
import { createResultCollector, type PackerRunResult } from "./collect-result.ts";
import { PackerStartError } from "./errors.ts";
import { type LogFile, openLogFile } from "./log-file.ts";
import { escapeArgument, parseMachineReadableLine } from "./machine-readable.ts";
import { forgetGroup, rememberGroup } from "./orphan-guard.ts";
import { signalProcessGroup } from "./process-group.ts";
import { readLines } from "./read-lines.ts";

export type { PackerRunResult } from "./collect-result.ts";

export interface RunPackerOptions {
  packerPath: string;
  /** Arguments after `packer`, e.g. `["build", "-machine-readable", "-color=false", "x.pkr.hcl"]`. */
  args: readonly string[];
  cwd: string;
  /** Added to this process's environment. Pass secrets here or in a var file, never in `args`. */
  env?: Record<string, string | undefined>;
  /** Masked stdout and stderr are appended here; parent folders are created. */
  logFile: string;
  /** Values replaced by `***` in the log, the events and the result. */
  secrets?: readonly string[];
  onEvent?: (event: BuildEvent) => void;
}

export interface PackerRun {
  result: Promise<PackerRunResult>;
  /** Ask Packer to cancel and clean up (SIGINT to its process group). Packer ignores a second one. */
  interrupt(): void;
  /** Stop at once (SIGKILL to the group): no cleanup, so cloud resources may be left behind. */
  kill(): void;
  /** Undefined when Packer could not be started. */
  pid: number | undefined;
}

/** How long output may keep flowing after Packer exits, from a descendant that left its group. */
export const OUTPUT_GRACE_MS = 2000;

export function runPacker(options: RunPackerOptions): PackerRun {
  const subprocess = execa(options.packerPath, options.args, {
    cwd: options.cwd,
    env: { CHECKPOINT_DISABLE: "1", ...options.env },
    detached: true,
    reject: false,
    buffer: false,
    stdin: "ignore",
  });
  const { pid } = subprocess;
  let running = pid !== undefined;
  if (pid !== undefined) rememberGroup(pid);
  const signal = (name: NodeJS.Signals) => {
    if (running && pid !== undefined) signalProcessGroup(pid, name);
  };
  const result = follow({ subprocess, pid, options }).finally(() => {
    running = false;
    if (pid !== undefined) forgetGroup(pid);
  });
  return { result, pid, interrupt: () => signal("SIGINT"), kill: () => signal("SIGKILL") };
}

type Subprocess = ReturnType<typeof execa>;
type Exit = { exitCode: number | null; signal?: string } | { startError: unknown };

// Waits for the process to exit rather than for its pipes to close: a shell-local script orphaned by a
// timeout or cancel keeps stdout open long after Packer is gone.
async function follow({
  subprocess,
  pid,
  options,
}: {
  subprocess: Subprocess;
  pid: number | undefined;
  options: RunPackerOptions;
}): Promise<PackerRunResult> {
  const exited = new Promise<Exit>((resolve) => {
    subprocess.once("exit", (exitCode, signal) =>
      resolve({ exitCode, ...(signal ? { signal } : {}) }),
    );
    subprocess.then((ended) => {
      if (ended.failed && ended.exitCode === undefined && !ended.signal)
        resolve({ startError: ended });
    });
  });
  const output = createOutputHandler(options);
  const pumping = Promise.all([
    output.pump(subprocess.stdout, { machineReadable: true }),
    output.pump(subprocess.stderr, { machineReadable: false }),
  ]);

  const exit = await exited;
  // Anything still in the group is an orphan of Packer's (a plugin, a provisioner script).
  if (pid !== undefined) signalProcessGroup(pid, "SIGKILL");
  // Unreferenced: the grace timer of the last build must not keep the finished tool alive for 2 s.
  const drained = await Promise.race([
    pumping.then(() => true),
    delay(OUTPUT_GRACE_MS, false, { ref: false }),
  ]);
  if (!drained) {
    subprocess.stdout?.destroy();
    subprocess.stderr?.destroy();
    await pumping;
  }
  const { collector, listenerError, logError } = await output.close();
  if ("startError" in exit) {
    throw new PackerStartError({ packerPath: options.packerPath, cause: exit.startError });
  }
  if (listenerError) throw listenerError;
  return { ...collector.finish(exit), ...(logError ? { logError } : {}) };
}

// Masks each line, appends it to the log and turns stdout records into events; a failing log or
// listener never stops the pipes from being drained, or Packer would block on a full pipe.
function createOutputHandler({ logFile, secrets = [], onEvent }: RunPackerOptions) {
  // A secret is masked as itself and as Packer escapes it inside a machine-readable line.
  const mask = createMasker(secrets, { forms: (secret) => [escapeArgument(secret)] });
  const decode = createBuildEventDecoder();
  const collector = createResultCollector();
  let logError: string | undefined;
  let listenerError: unknown;
  const log: Promise<LogFile | undefined> = openLogFile(logFile).catch((error: Error) => {
    logError = `Could not open the log ${logFile}: ${error.message}`;
    return undefined;
  });

  const handleLine = async (raw: string, machineReadable: boolean) => {
    const line = mask(raw);
    const file = await log;
    if (file && !logError) {
      await file.writeLine(line).catch((error: Error) => {
        logError = `Could not write the log ${logFile}: ${error.message}`;
      });
    }
    const record = machineReadable ? parseMachineReadableLine(line) : undefined;
    const event = record && decode(record);
    if (!event) return;
    collector.add(event);
    try {
      onEvent?.(event);
    } catch (error) {
      listenerError ??= error;
    }
  };

  return {
    async pump(
      stream: AsyncIterable<Buffer> | null,
      { machineReadable }: { machineReadable: boolean },
    ) {
      if (!stream) return;
      try {
        for await (const line of readLines(stream)) await handleLine(line, machineReadable);
      } catch {
        // The stream was destroyed after Packer exited; what was read is kept.
      }
    },
    async close() {
      const file = await log;
      await file?.close().catch((error: Error) => {
        logError ??= `Could not write the log ${logFile}: ${error.message}`;
      });
      return { collector, listenerError, logError };
    },
  };
}
