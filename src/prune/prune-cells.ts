// Pure: one region's AMIs and snapshots, split by cell and planned cell by cell.
import type { UnreadableCell } from "../ami-list/index-format.ts";
import type { AmiInfo } from "../aws/ami-info.ts";
import type { Job } from "../model/job.ts";
import { TAG } from "../model/tags.ts";
import { planOrphanSnapshots, type SnapshotInfo } from "./prune-orphans.ts";
import { type PrunePlan, planPrune } from "./prune-plan.ts";

export interface PruneCell {
  job: Job;
  /** The AMI id in the cell's AMI list file. */
  listed?: string;
  plan: PrunePlan;
  /** Snapshots tagged for the cell whose AMI is gone. */
  orphans: SnapshotInfo[];
  /** Why prune leaves the whole cell alone. */
  skipped?: string;
}

export function planPruneCells({
  jobs,
  images,
  snapshots,
  amiList,
  keep,
}: {
  /** The cells of one region. */
  jobs: readonly Job[];
  /** Every AMI the account owns in the region. */
  images: readonly AmiInfo[];
  /** The region's snapshots tagged by ami-matrix. */
  snapshots: readonly SnapshotInfo[];
  amiList: { cells: Record<string, string>; unreadable: readonly UnreadableCell[] };
  keep: number;
}): PruneCell[] {
  const usedByImages = new Set(images.flatMap((i) => i.snapshotIds));
  return jobs.map((job) => {
    const cellImages = images.filter((i) => i.tags[TAG.job] === job.id);
    const unreadable = amiList.unreadable.find((u) => u.file === job.amiListFile);
    if (unreadable) {
      return {
        job,
        plan: { keep: cellImages.map((image) => ({ image, reason: "cell skipped" })), remove: [] },
        orphans: [],
        skipped: `its AMI list file ${job.amiListFile} cannot be read (${unreadable.reason}), so the AMI in use is unknown; fix the file, then prune again`,
      };
    }
    const listed = amiList.cells[job.amiListFile];
    return {
      job,
      ...(listed ? { listed } : {}),
      plan: planPrune({ images: cellImages, keep, ...(listed ? { listed } : {}) }),
      orphans: planOrphanSnapshots({
        snapshots: snapshots.filter((s) => s.tags[TAG.job] === job.id),
        usedByImages,
      }),
    };
  });
}
