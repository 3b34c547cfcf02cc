// Drives the CLI in-process, as a user would from the shell, and captures what it prints.
import { EventEmitter } from "node:events";
import { runMain } from "../../src/cli/run-main.ts";
import { COMMANDS } from "../../src/commands/index.ts";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  args: readonly string[],
  {
    cwd = process.cwd(),
    env = process.env,
    signals = new EventEmitter(),
  }: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    signals?: EventEmitter;
  } = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runMain({
    rawArgs: args,
    commands: COMMANDS,
    cwd,
    env,
    signals,
    io: {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      interactive: false,
    },
  });
  return { code, stdout, stderr };
}

// What stderr says besides planning's progress lines (`23:06:47 plan  Planning 4 jobs…`), which a dry
// run prints there while it works: the error message a user is left with.
export function messageOf(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => !/^\d\d:\d\d:\d\d \S+ {2}/.test(line))
    .join("\n");
}
