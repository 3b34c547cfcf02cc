// The one place that turns errors into messages and exit codes. Takes argv as a parameter,
// so tests drive the CLI in-process.
import type { EventEmitter } from "node:events";
import path from "node:path";
import { UserError } from "../errors.ts";
import { startRehearsal } from "../local/rehearsal.ts";
import { PackerNotFoundError } from "../packer/errors.ts";
import { runPlan } from "../run/run-plan.ts";
import { formatPlanJson, formatPlanText } from "./format-plan.ts";
import { helpText, parseCliOptions } from "./options.ts";
import { preparePlan } from "./prepare-plan.ts";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Animated progress: stdout is a terminal and CI is not set. */
  interactive?: boolean;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: process.stdout.isTTY === true && !process.env.CI,
};

export async function runMain({
  rawArgs,
  cwd = process.cwd(),
  env = process.env,
  io = processIo,
  signals = process,
}: {
  rawArgs: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  io?: Io;
  /** Where SIGINT and SIGTERM arrive; tests pass their own emitter. */
  signals?: Pick<EventEmitter, "on" | "off">;
}): Promise<number> {
  try {
    const options = parseCliOptions(rawArgs);
    if (options.help) {
      io.stdout(`${helpText()}\n`);
      return 0;
    }
    if (options.json && !options.dryRun) throw new UserError("--json goes with --dry-run.");
    if (options.localFaults && !options.local)
      throw new UserError("--local-faults goes with --local.");
    const rehearsal =
      options.local || options.ec2Endpoint
        ? await startRehearsal({
            ec2Endpoint: options.ec2Endpoint,
            faultsFile: options.localFaults,
            env,
            cwd,
          })
        : undefined;
    try {
      const mode = rehearsal ? { local: true, ec2Endpoint: rehearsal.endpoint } : { local: false };
      const prepared = await preparePlan({ options, cwd, env, mode });
      if (options.dryRun) {
        io.stdout(`${options.json ? formatPlanJson(prepared) : formatPlanText(prepared, cwd)}\n`);
        return 0;
      }
      return await runPlan({
        prepared,
        settings: {
          reportFile: options.report ? path.resolve(cwd, options.report) : undefined,
          killAfterMs: options.killAfterSeconds * 1000,
          interactive: io.interactive ?? false,
          packerEnv: rehearsal?.env,
          ec2Endpoint: rehearsal?.endpoint,
        },
        env,
        cwd,
        signals,
        write: io.stdout,
      });
    } finally {
      await rehearsal?.close();
    }
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: Io): number {
  if (error instanceof UserError) {
    io.stderr(`error: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof PackerNotFoundError) {
    io.stderr(`error: ${error.message}\n`);
    return 2;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr(`${detail}\n\nThis is a bug in ami-matrix; please report it with the output above.\n`);
  return 70;
}
