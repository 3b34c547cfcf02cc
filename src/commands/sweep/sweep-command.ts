// sweep: remove what crashed or killed runs left in the account (instances, Packer's temporary
// security groups and key pairs, unfinished AMIs), once old enough that no run can still use it.
// Its flags are data; what it does loads only when it runs, so --help answers at once.
import type { Command } from "../../cli/command.ts";
import { HELP_FLAG } from "../../cli/flags.ts";
import { UNTAGGED_FLAG } from "../../sweep/sweep-plan.ts";
import { AWS_TARGET_FLAGS } from "../account-flags.ts";

export const DEFAULT_OLDER_THAN = "2h";

export const sweepCommand: Command = {
  name: "sweep",
  summary:
    "remove instances, Packer temporaries and unfinished AMIs that crashed or killed runs left",
  description: [
    "In the regions of the selected cells (--only/--exclude pick the regions; everything ami-matrix left",
    "there is swept, whichever cell it was for), removes what is older than --older-than:",
    "  - instances tagged ami-matrix:tool=ami-matrix in any state but terminated: terminated, then",
    "    their packer_* security groups and packer_* key pairs are deleted (not those another",
    "    instance that stays still uses);",
    "  - AMIs of this account that are pending or failed and are either tagged ami-matrix:tool=ami-matrix",
    "    or named like a run's attempt, `<name>-<run id>-a<N>` with a run id such as 20261122T214731Z-e4c2",
    "    (Packer tags an AMI only once it is available, so that name is how the untagged pending AMI of a",
    "    killed run is recognised), unless a run report (--runs) or the AMI list records them:",
    "    deregistered, then their snapshots deleted. Available AMIs are never swept (see prune).",
    "Packer 1.6.6 does not tag its temporary security groups and key pairs, so one not used by an",
    `ami-matrix instance is not provably ours and stays, unless ${UNTAGGED_FLAG} is given:`,
    "then packer_* groups and key pairs used by no live instance, made (by the time in Packer's name,",
    "or the key's creation time) before the threshold, are deleted too, whoever ran that Packer.",
    "Age: an instance's launch time, an AMI's creation date. --older-than 0 takes everything, including",
    "what a run going on right now uses. Exit 1 when a removal failed.",
  ],
  flags: [
    {
      name: "older-than",
      type: "string",
      value: "DURATION",
      help: `only what is older than this: 30m, 2h, 1d, or 0 for everything (default: ${DEFAULT_OLDER_THAN})`,
    },
    {
      name: "runs",
      type: "string",
      value: "DIR",
      help: "run folders whose report.json AMIs are never swept (default: runs/ in the project)",
    },
    {
      name: "ami-list",
      type: "string",
      value: "DIR",
      help: "AMI list whose AMIs are never swept (default: ami-list/ in the project)",
    },
    {
      name: UNTAGGED_FLAG.slice(2),
      type: "boolean",
      help: "also delete packer_* security groups and key pairs no instance uses (see above)",
    },
    ...AWS_TARGET_FLAGS,
    HELP_FLAG,
  ],
  run: async (context) => (await import("./run-sweep.ts")).runSweep(context),
};
