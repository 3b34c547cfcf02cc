// Pure: for each cell, whether it must be built and why, from what the AMI list lists and what EC2
// says of the listed AMI. A cell is unchanged only when its listed AMI still exists in its region, is
// available, is shared as asked and carries this plan's fingerprint; then nothing is launched for it.
import type { CellBuild } from "../ami-list/cell-builds.ts";
import { changedInputs, type FingerprintInputs } from "../plan/fingerprint.ts";

/** What EC2 says of a listed AMI, in its cell's region. */
export interface ListedAmi {
  id: string;
  /** Undefined when EC2 does not know it (deregistered, or never in this region). */
  state?: string;
  fingerprint?: string;
  /** Whether its launch permissions are what the matrix asks; undefined when not checked. */
  sharedAsAsked?: boolean;
}

export interface CellToDecide {
  id: string;
  fingerprint: string;
  inputs: FingerprintInputs;
  /** The AMI the cell's file lists, if any. */
  listed?: string;
  /** What the index says the listed AMI was built from. */
  build?: CellBuild;
}

export type Decision =
  | { build: false; reason: "unchanged"; ami: string }
  | { build: true; reason: string };

export function decideChange({
  cell,
  listedAmi,
  forced,
}: {
  cell: CellToDecide;
  listedAmi: ListedAmi | undefined;
  forced: boolean;
}): Decision {
  if (forced) return { build: true, reason: "forced" };
  if (!cell.listed) return { build: true, reason: "new" };
  if (!listedAmi?.state) return { build: true, reason: "AMI gone" };
  if (listedAmi.state !== "available") return { build: true, reason: `AMI ${listedAmi.state}` };
  if (listedAmi.fingerprint !== cell.fingerprint)
    return { build: true, reason: changeReason(cell, listedAmi) };
  if (listedAmi.sharedAsAsked === false) return { build: true, reason: "not shared as asked" };
  return { build: false, reason: "unchanged", ami: listedAmi.id };
}

// What changed, in the words of the issue: `changed: scripts/spark.sh`, `source AMI newer`.
function changeReason(cell: CellToDecide, ami: ListedAmi): string {
  if (ami.fingerprint === undefined) return "changed: its AMI has no fingerprint";
  const before = cell.build?.ami === ami.id ? cell.build.inputs : undefined;
  if (!before) return "changed";
  const changed = changedInputs(before, cell.inputs);
  if (changed.length === 1 && changed[0] === "source AMI") return "source AMI newer";
  return changed.length > 0 ? `changed: ${changed.join(", ")}` : "changed";
}
