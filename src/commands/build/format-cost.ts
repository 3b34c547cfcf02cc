// Pure: the cost estimate as the dry run shows it: per job, the build instance's on-demand price, what
// the build (or copy) costs, and the monthly storage of its new snapshot; then the run's totals.
import { type CostEstimate, formatUsd, formatUsdFine } from "../../cost/estimate-cost.ts";
import { plural } from "../../text/plural.ts";

export const COST_HEADERS = ["$/H", "BUILD", "SNAPSHOT/MO"] as const;

/** A job that builds or copies nothing (kept, skipped) costs nothing: its cells are dashes. */
export function costCells(cost: CostEstimate, jobId: string): string[] {
  const line = cost.lines.find((l) => l.id === jobId);
  if (!line) return ["-", "-", "-"];
  // ~ marks a price estimated from us-east-1's and a region factor, not the region's own list price.
  const hourly =
    line.hourly === undefined ? "-" : `${line.listed ? "" : "~"}${formatUsdFine(line.hourly)}`;
  return [hourly, formatUsdFine(line.run), formatUsdFine(line.storagePerMonth)];
}

// A snapshot is billed for the blocks it holds, so a root volume's whole size is the most it costs.
export function costSummary(cost: CostEstimate): string {
  const counts = [
    plural(cost.launches, "instance launch", "instance launches"),
    plural(cost.copies, "copy", "copies"),
    `${cost.unchanged} unchanged`,
    ...(cost.skipped > 0 ? [`${cost.skipped} skipped`] : []),
  ].join(", ");
  const notes = [
    `AWS's on-demand Linux list prices as of ${cost.pricesAsOf}`,
    "durations from the last reports where there are some",
    ...(cost.lines.some((line) => line.hourly !== undefined && !line.listed)
      ? ["~ estimated from us-east-1's price and a region factor"]
      : []),
  ];
  return `Cost: ${counts}; about ${cost.instanceHours.toFixed(1)} build instance-hours, ${formatUsd(cost.run)} on demand, and up to ${formatUsd(cost.storagePerMonth)} a month for the new snapshots (${notes.join("; ")})`;
}
