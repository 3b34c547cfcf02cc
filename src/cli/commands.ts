// Every subcommand of build-amis.ts; the first is the default.
import { buildCommand } from "../commands/build.ts";
import { policyCommand } from "../commands/policy.ts";
import { pruneCommand } from "../commands/prune.ts";
import { sweepCommand } from "../commands/sweep.ts";
import type { Command } from "./command.ts";

export const COMMANDS: readonly Command[] = [
  buildCommand,
  policyCommand,
  pruneCommand,
  sweepCommand,
];
