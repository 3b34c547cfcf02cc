// What the run spent, beside the summary: the instances it launched (one per Packer attempt), the copies
// it made and the build instance time, priced like the dry run's estimate. Unchanged cells spent nothing.
import { estimateCost, formatUsd } from "../cost/estimate-cost.ts";
import { isCopyJob, type JobOutcome } from "../model/job.ts";
import { plural } from "../text/plural.ts";

export function spentLine(outcomes: readonly JobOutcome[], { rehearsal = false } = {}): string {
  const spending = outcomes.filter((outcome) => outcome.attempts > 0);
  const builds = spending.filter((outcome) => !isCopyJob(outcome.job));
  const launches = builds.reduce((sum, outcome) => sum + outcome.attempts, 0);
  const copies = spending.length - builds.length;
  const cost = estimateCost(
    builds.map(({ job, durationMs }) => ({
      id: job.id,
      kind: "build" as const,
      region: job.region,
      instanceType: job.instanceType,
      expectedMs: durationMs,
      volumeGb: 0,
    })),
  );
  const price = rehearsal
    ? "a rehearsal: nothing billed"
    : `about ${formatUsd(cost.run)} on demand (prices as of ${cost.pricesAsOf})`;
  return `Spent: ${plural(launches, "instance launch", "instance launches")}, ${plural(copies, "copy", "copies")}; ${cost.instanceHours.toFixed(1)} build instance-hours, ${price}`;
}
