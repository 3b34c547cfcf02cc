// sweep: remove what crashed or killed runs left in the account (instances, Packer's temporary
// security groups and key pairs, AMIs nobody records), once old enough that no run can still use it;
// or, with --run, exactly what one run's record names, whatever its age.
// Its flags are data; what it does loads only when it runs, so --help answers at once.
import type { Command } from "../../cli/command.ts";
import { HELP_FLAG } from "../../cli/flags.ts";
import { RUN_RECORD_FILE } from "../../run-record/run-record.ts";
import { DEFAULT_OLDER_THAN } from "../../sweep/sweep-duration.ts";
import { UNTAGGED_FLAG } from "../../sweep/sweep-plan.ts";
import { AWS_TARGET_FLAGS } from "../account-flags.ts";
import { SWEEP_DESCRIPTION } from "./sweep-description.ts";

export const sweepCommand: Command = {
  name: "sweep",
  summary:
    "remove instances, Packer temporaries and AMIs that crashed, killed or cancelled runs left",
  description: SWEEP_DESCRIPTION,
  flags: [
    {
      name: "run",
      type: "string",
      value: "RUN_ID",
      help: `only what this run's record (runs/RUN_ID/${RUN_RECORD_FILE}) names, of any age; refused while the run is going`,
    },
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
      help: "run folders: their reports and records say which AMIs are results (default: runs/ in the project)",
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
