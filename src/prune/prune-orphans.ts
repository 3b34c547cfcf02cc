// Pure: a prune that deregistered an AMI but could not delete its snapshots leaves them behind, still
// tagged for the cell but used by no AMI. The next prune finds and deletes them: that is what makes
// "re-run prune to retry" true for snapshots too.
import { isToolTagged } from "../aws/ami-info.ts";

export interface SnapshotInfo {
  id: string;
  tags: Record<string, string>;
}

export function planOrphanSnapshots({
  snapshots,
  usedByImages,
}: {
  /** The snapshots tagged for one cell. */
  snapshots: readonly SnapshotInfo[];
  /** Every snapshot id an AMI of the account in this region still uses, whoever made the AMI. */
  usedByImages: ReadonlySet<string>;
}): SnapshotInfo[] {
  return snapshots.filter((s) => isToolTagged(s) && !usedByImages.has(s.id));
}
