// What prune prints: a table per cell (what stays and why, what goes), then one count line.

import { isToolTagged } from "../aws/ami-info.ts";
import type { RemovalOutcome } from "../removal/action-log.ts";
import { displayTime } from "../removal/removal-text.ts";
import { alignColumns } from "../text/align-columns.ts";
import { plural } from "../text/plural.ts";
import type { PruneCell } from "./prune-cells.ts";

export function pruneHeader({
  keep,
  amiList,
  dryRun,
}: {
  keep: number;
  /** The AMI list folder as the user should see it. */
  amiList: string;
  dryRun: boolean;
}): string[] {
  return [
    `Prune keeps the ${newestCount(keep)} of each cell and the one its AMI list file names (${amiList}),`,
    "and never touches a pending AMI or one without ami-matrix's tags.",
    ...(dryRun ? ["Dry run: nothing is changed."] : []),
  ];
}

export function pruneCellLines(cell: PruneCell): string[] {
  const title = `  ${cell.job.id}${cell.listed ? `  (AMI list: ${cell.listed})` : ""}`;
  if (cell.skipped) return [`${title}  skipped: ${cell.skipped}`];
  const decisions = [
    ...cell.plan.keep.map((d) => ({ ...d, action: "keep" })),
    ...cell.plan.remove.map((d) => ({
      ...d,
      action: "remove",
      reason: d.image.snapshotIds.length
        ? `${d.reason}; snapshots ${d.image.snapshotIds.join(", ")}`
        : d.reason,
    })),
  ].sort((a, b) => Date.parse(b.image.creationDate) - Date.parse(a.image.creationDate));
  if (decisions.length === 0 && cell.orphans.length === 0)
    return [`${title}  no AMIs built by ami-matrix`];
  const rows = [
    ...decisions.map((d) => [
      d.action,
      d.image.id,
      displayTime(d.image.creationDate),
      d.image.state,
      d.reason,
    ]),
    ...cell.orphans.map((s) => [
      "remove",
      s.id,
      "",
      "",
      "snapshot tagged for this cell whose AMI is already deregistered",
    ]),
  ];
  return [title, ...alignColumns(rows).map((line) => `    ${line}`)];
}

export function pruneSummary({
  cells,
  outcomes,
  dryRun,
}: {
  cells: readonly PruneCell[];
  /** What was done (empty on a dry run). */
  outcomes: readonly RemovalOutcome[];
  dryRun: boolean;
}): string {
  const kept = cells
    .flatMap((c) => (c.skipped ? [] : c.plan.keep))
    .filter((d) => isToolTagged(d.image));
  const pending = kept.filter((d) => d.image.state === "pending").length;
  const skipped = cells.filter((c) => c.skipped).length;
  const notes = [
    `${plural(kept.length, "AMI")} kept`,
    ...(pending > 0
      ? [`${pending} of them pending and left alone, as a build may be running`]
      : []),
    ...(skipped > 0 ? [`${plural(skipped, "cell")} skipped`] : []),
  ].join("; ");
  if (dryRun) {
    const amis = cells.reduce((n, c) => n + c.plan.remove.length, 0);
    const snapshots = cells.reduce(
      (n, c) =>
        n + c.orphans.length + c.plan.remove.reduce((m, d) => m + d.image.snapshotIds.length, 0),
      0,
    );
    return `Dry run: would deregister ${plural(amis, "AMI")} and delete ${plural(snapshots, "snapshot")}; ${notes}. Nothing was changed.`;
  }
  const done = (verb: string) => outcomes.filter((o) => o.verb === verb && !o.error).length;
  return `Pruned: deregistered ${plural(done("deregister"), "AMI")} and deleted ${plural(done("delete"), "snapshot")}; ${notes}.`;
}

// `the newest AMI`, `the 3 newest AMIs`.
export function newestCount(keep: number): string {
  return keep === 1 ? "newest AMI" : `${keep} newest AMIs`;
}
