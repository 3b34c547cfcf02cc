// Pure: the runs of `npm run bench:graph` as one table a person reads, one row per scenario and order,
// each figure over all seeds.
import { alignColumns } from "../src/text/align-columns.ts";
import { median } from "./figures.ts";
import type { GraphBound } from "./graph-workload.ts";

export const GRAPH_TARGET_RATIO = 1.05;

export interface GraphRun {
  scenario: string;
  order: string;
  seed: number;
  makespanMs: number;
  bound: GraphBound;
  /** releaseLowerBound: the tighter bound where needs hold work back. */
  releaseBoundMs: number;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const times = (ratio: number) => `${ratio.toFixed(3)}×`;

function spread(values: readonly number[], format: (n: number) => string): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? format(low) : `${format(low)}–${format(high)}`;
}

// What sets the bound most often over the seeds, e.g. `total work` or `longest chain (3 of 10)`.
function usualBinding(runs: readonly GraphRun[]): string {
  const counts = new Map<string, number>();
  for (const run of runs) counts.set(run.bound.binding, (counts.get(run.bound.binding) ?? 0) + 1);
  const [binding = "", count = 0] = [...counts].sort(([, a], [, b]) => b - a)[0] ?? [];
  return count === runs.length ? binding : `${binding} (${count} of ${runs.length})`;
}

export function graphTable(runs: readonly GraphRun[]): string[] {
  const rows: string[][] = [];
  const keys = [...new Set(runs.map((run) => `${run.scenario}\u0000${run.order}`))];
  for (const key of keys) {
    const group = runs.filter((run) => `${run.scenario}\u0000${run.order}` === key);
    const ratios = group.map((run) => run.makespanMs / run.bound.ms);
    const toRelease = group.map((run) => run.makespanMs / run.releaseBoundMs);
    const [scenario = "", order = ""] = key.split("\u0000");
    rows.push([
      scenario,
      order,
      spread(
        group.map((run) => run.makespanMs),
        seconds,
      ),
      spread(
        group.map((run) => run.bound.ms),
        seconds,
      ),
      times(median(ratios)),
      spread(ratios, times),
      `${ratios.filter((ratio) => ratio <= GRAPH_TARGET_RATIO + 1e-9).length}/${ratios.length}`,
      usualBinding(group),
      `${times(median(toRelease))} (${spread(toRelease, times)})`,
    ]);
  }
  return alignColumns(
    [
      [
        "scenario",
        "order",
        "makespan s",
        "bound s",
        "ratio median",
        "ratio range",
        `≤ ${GRAPH_TARGET_RATIO}×`,
        "bound set by",
        "vs release bound",
      ],
      ...rows,
    ],
    { rightAligned: [2, 3, 4, 5, 6] },
  );
}
