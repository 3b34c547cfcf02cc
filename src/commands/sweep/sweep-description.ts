// What `sweep --help` says sweep takes and what it leaves: the rules, exactly, since they decide
// what is deleted.
import { RUN_RECORD_FILE } from "../../run-record/run-record.ts";
import { UNTAGGED_FLAG } from "../../sweep/sweep-plan.ts";

export const SWEEP_DESCRIPTION: string[] = [
  "In the regions of the selected cells (--only/--exclude pick the regions; everything ami-matrix left",
  "there is swept, whichever cell it was for), removes what is older than --older-than:",
  "  - instances tagged ami-matrix:tool=ami-matrix in any state but terminated: terminated, then",
  "    their packer_* security groups and packer_* key pairs are deleted (not those another",
  "    instance that stays still uses);",
  "  - AMIs of this account (deregistered, then their snapshots deleted) that no run report, run",
  "    record or AMI list cell records as a result, when they are:",
  "      pending or failed, and tagged ami-matrix:tool=ami-matrix or named like a run's attempt,",
  "      `<name>-<run id>-a<N>` with a run id such as 20261122T214731Z-e4c2;",
  "      available, named like a run's attempt and carrying no tags at all (Packer tags an AMI only",
  "      once it is available, so this is the AMI of a build that was killed);",
  `      available, and named by a run record (runs/<run id>/${RUN_RECORD_FILE}) for an attempt that`,
  "      did not succeed, unless that run is still going.",
  "    Other available AMIs are prune's to judge.",
  "Packer 1.6.6 does not tag its temporary security groups and key pairs, so one not used by an",
  `ami-matrix instance is not provably ours and stays, unless ${UNTAGGED_FLAG} is given:`,
  "then packer_* groups and key pairs used by no live instance, made (by the time in Packer's name,",
  "or the key's creation time) before the threshold, are deleted too, whoever ran that Packer.",
  "Age: an instance's launch time, an AMI's creation date. --older-than 0 takes everything, including",
  "what a run going on right now uses.",
  "",
  "--run RUN_ID: exactly what that run's record names, whatever its age, in the run's own regions:",
  "its instances (by id and by the run's tag), the key pairs and security groups Packer announced,",
  "and the AMIs of its attempts (by name), except one the run wrote to the AMI list or a report",
  "records. A run writes its record as its builds go, so this works after a crash, a kill or a",
  "cancelled CI job. It is refused (exit 2) while the run, or a Packer build of it, is still running",
  "on this host; --older-than, --matrix, --only and --exclude do not go with it.",
  "",
  "Exit 1 when a removal failed.",
];
