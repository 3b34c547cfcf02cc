// Every subcommand of build-amis.ts; the first is the default. The entry hands this list to runMain.
import type { Command } from "../cli/command.ts";
import { buildCommand } from "./build/build-command.ts";
import { mergeCommand } from "./merge/merge-command.ts";
import { policyCommand } from "./policy/policy-command.ts";
import { pruneCommand } from "./prune/prune-command.ts";
import { shardsCommand } from "./shards/shards-command.ts";
import { sweepCommand } from "./sweep/sweep-command.ts";

export const COMMANDS: readonly Command[] = [
  buildCommand,
  policyCommand,
  pruneCommand,
  sweepCommand,
  shardsCommand,
  mergeCommand,
];
