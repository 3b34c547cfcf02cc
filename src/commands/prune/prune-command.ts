// prune: per cell, deregister the AMIs ami-matrix built beyond the newest few (never the one in the
// AMI list, never a pending one) and delete their snapshots. Its flags are data; what it does loads
// only when it runs (the AWS SDK among it), so --help answers at once.
import type { Command } from "../../cli/command.ts";
import { HELP_FLAG } from "../../cli/flags.ts";
import { DEFAULT_KEEP } from "../../prune/prune-plan.ts";
import { AWS_TARGET_FLAGS } from "../account-flags.ts";

export const pruneCommand: Command = {
  name: "prune",
  summary: "deregister old AMIs of each cell and delete their snapshots, keeping the newest few",
  description: [
    "For each cell of the matrix, in the cell's region, looks at the AMIs ami-matrix built for it:",
    "owned by this account and tagged ami-matrix:tool=ami-matrix and ami-matrix:job=<cell>.",
    `Keeps the newest --keep available ones (by creation date) and, always, the one the cell's file in`,
    "the AMI list names, even when it is older. Deregisters the others, failed ones included, and",
    "deletes their snapshots once the AMI is gone; also deletes snapshots tagged for the cell whose AMI",
    "is already deregistered (left by an earlier prune that could not delete them).",
    "Never touches a pending AMI (a build may be running) nor one without ami-matrix's tags.",
    "A cell whose AMI list file cannot be read is skipped. --dry-run prints the same table and changes nothing.",
    "Exit 1 when a removal failed; running prune again retries it.",
  ],
  flags: [
    {
      name: "keep",
      type: "string",
      value: "N",
      help: `how many of the newest AMIs of each cell stay (default: ${DEFAULT_KEEP})`,
    },
    {
      name: "ami-list",
      type: "string",
      value: "DIR",
      help: "AMI list folder whose AMIs always stay (default: ami-list/ in the project)",
    },
    ...AWS_TARGET_FLAGS,
    HELP_FLAG,
  ],
  run: async (context) => (await import("./run-prune.ts")).runPrune(context),
};
