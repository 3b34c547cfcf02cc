// A subcommand of build-amis.ts: its flags (as data) and what it does with them.
import type { EventEmitter } from "node:events";
import type { FlagSpec, FlagValues } from "./flags.ts";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Animated progress: stdout is a terminal and CI is not set. */
  interactive?: boolean;
}

export interface CommandContext {
  values: FlagValues;
  /** The arguments after the options, for a command that names them in `positionals`. */
  positionals: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  io: Io;
  /** Where SIGINT and SIGTERM arrive; tests pass their own emitter. */
  signals: Pick<EventEmitter, "on" | "off">;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Lines after the usage line in this command's --help. */
  description: string[];
  flags: readonly FlagSpec[];
  /** How help names the arguments the command takes after its options (e.g. `SOURCE...`); none if unset. */
  positionals?: string;
  /** Returns the exit code. */
  run(context: CommandContext): Promise<number>;
}
