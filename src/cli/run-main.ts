// The one place that turns errors into messages and exit codes. Takes argv as a parameter,
// so tests drive the CLI in-process.
import { UserError } from "../errors.ts";
import { PackerNotFoundError } from "../packer/errors.ts";
import { formatPlanJson, formatPlanText } from "./format-plan.ts";
import { helpText, parseCliOptions } from "./options.ts";
import { preparePlan } from "./prepare-plan.ts";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export async function runMain({
  rawArgs,
  cwd = process.cwd(),
  env = process.env,
  io = processIo,
}: {
  rawArgs: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  io?: Io;
}): Promise<number> {
  try {
    const options = parseCliOptions(rawArgs);
    if (options.help) {
      io.stdout(`${helpText()}\n`);
      return 0;
    }
    if (!options.dryRun) {
      throw new UserError("Building is not available yet: run with --dry-run to see the plan.");
    }
    const run = await preparePlan({ options, cwd, env, mode: { local: false } });
    io.stdout(`${options.json ? formatPlanJson(run) : formatPlanText(run, cwd)}\n`);
    return 0;
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
