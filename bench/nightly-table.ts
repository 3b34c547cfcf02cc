// Pure: the nightly steps' figures as one table, each figure over all rounds (a range where they differ).
import { alignColumns } from "../src/text/align-columns.ts";
import type { NightlyFigures } from "./nightly-run.ts";
import type { NightlyStep } from "./nightly-steps.ts";

function spread(values: readonly number[], format: (n: number) => string = String): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? format(low) : `${format(low)}–${format(high)}`;
}

function same<T>(values: readonly T[]): string {
  const distinct = [...new Set(values.map(String))];
  return distinct.join(" / ");
}

function statusText(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${count} ${status}`)
    .join(", ");
}

/** `rounds[i][j]`: round i, step j. */
export function nightlyTable(
  steps: readonly NightlyStep[],
  rounds: readonly (readonly NightlyFigures[])[],
): { lines: string[]; misses: string[] } {
  const misses: string[] = [];
  const rows = steps.map((step, j) => {
    const runs = rounds.flatMap((round) => (round[j] ? [round[j]] : []));
    for (const run of runs)
      if (run.launches !== step.expected.launches || run.copies !== step.expected.copies)
        misses.push(
          `${step.name}: ${run.launches} launches and ${run.copies} copies, expected ${step.expected.launches} and ${step.expected.copies}`,
        );
    const dry = runs.map((run) =>
      run.dryRun
        ? `${run.dryRun.launches} + ${run.dryRun.copies}, ${run.dryRun.instanceHours.toFixed(1)} h, ${run.dryRun.onDemand}`
        : "(no cost line)",
    );
    return [
      step.name,
      `${step.expected.launches} + ${step.expected.copies}`,
      spread(runs.map((run) => run.launches)),
      spread(runs.map((run) => run.instancesMade)),
      spread(runs.map((run) => run.copies)),
      same(runs.map((run) => statusText(run.statuses))),
      spread(
        runs.map((run) => run.wallMs),
        (ms) => (ms / 1000).toFixed(1),
      ),
      same(dry),
      spread(runs.map((run) => run.leftRunning)),
    ];
  });
  const header = [
    "step",
    "expected launches + copies",
    "RunInstances",
    "instances made",
    "CopyImage",
    "report",
    "wall s",
    "dry run: launches + copies, hours, cost",
    "left running",
  ];
  return {
    lines: alignColumns([header, ...rows], { rightAligned: [1, 2, 3, 4, 6, 8] }),
    misses,
  };
}
