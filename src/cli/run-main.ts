// The one place that turns errors into messages and exit codes. Takes argv as a parameter,
// so tests drive the CLI in-process.
import type { EventEmitter } from "node:events";
import { UserError } from "../errors.ts";
import type { Command, Io } from "./command.ts";
import { flagHelp, parseFlags } from "./flags.ts";
import { versionText } from "./version.ts";

export type { Io } from "./command.ts";

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: process.stdout.isTTY === true && !process.env.CI,
};

export async function runMain({
  rawArgs,
  commands,
  cwd = process.cwd(),
  env = process.env,
  io = processIo,
  signals = process,
}: {
  rawArgs: readonly string[];
  /** Every command; the first is the default. Handed in, so the kit never reaches up to them. */
  commands: readonly Command[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  io?: Io;
  /** Where SIGINT and SIGTERM arrive; tests pass their own emitter. */
  signals?: Pick<EventEmitter, "on" | "off">;
}): Promise<number> {
  try {
    const [first, ...rest] = rawArgs;
    const named = commands.find((c) => c.name === first);
    const command = named ?? (commands[0] as Command);
    const args = named ? rest : rawArgs;
    const positionals: string[] = [];
    const values = parseFlags(
      command.flags,
      args,
      commandLine(command, named !== undefined),
      command.positionals ? positionals : undefined,
    );
    if (values.help === true) {
      io.stdout(`${helpText({ commands, command, named: named !== undefined })}\n`);
      return 0;
    }
    if (values.version === true) {
      io.stdout(`${await versionText()}\n`);
      return 0;
    }
    return await command.run({ values, positionals, cwd, env, io, signals });
  } catch (error) {
    return reportError(error, io);
  }
}

function commandLine(command: Command, named: boolean): string {
  return `npx tsx build-amis.ts${named ? ` ${command.name}` : ""}`;
}

export function helpText({
  commands,
  command = commands[0] as Command,
  named = false,
}: {
  commands: readonly Command[];
  command?: Command;
  named?: boolean;
}): string {
  const others = commands.slice(1);
  return [
    `Usage: ${commandLine(command, named)} [options]${command.positionals ? ` ${command.positionals}` : ""}`,
    "",
    ...command.description,
    "",
    "Options:",
    ...flagHelp(command.flags),
    ...(!named && others.length > 0
      ? [
          "",
          "Other commands (each has --help):",
          ...others.map((c) => `  ${c.name.padEnd(32)}${c.summary}`),
        ]
      : []),
    "",
    "Exit codes: 0 success; 1 a build or an action failed; 2 usage or configuration error; 130 interrupted.",
  ].join("\n");
}

function reportError(error: unknown, io: Io): number {
  if (error instanceof UserError) {
    io.stderr(`error: ${error.message}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr(`${detail}\n\nThis is a bug in ami-matrix; please report it with the output above.\n`);
  return 70;
}
