// The start orders `npm run bench:graph` compares: what the scheduler is told each task will take. With
// no estimate at all (0 for every task), its slots fall back to the region with the fewest running tasks,
// then plan order: the round-robin it had before issue 11.
import { COPY_EXPECTED_MS, DEFAULT_EXPECTED_MS } from "../src/report/past-durations.ts";
import type { GraphTask } from "./graph-workload.ts";
import { mulberry32 } from "./scenario.ts";

export interface GraphOrder {
  name: string;
  /** Made once per seeded graph, so a noisy estimate is the same on every run. */
  expectedMs: (tasks: readonly GraphTask[], seed: number) => (task: GraphTask) => number;
}

/** How far off a nightly run's estimates (the last report's durations) are allowed to be here. */
const ESTIMATE_ERROR = 0.25;

export const GRAPH_ORDERS: readonly GraphOrder[] = [
  { name: "estimates exact", expectedMs: () => (task) => task.ms },
  {
    name: `estimates off by up to ±${ESTIMATE_ERROR * 100}%`,
    expectedMs: (tasks, seed) => {
      const random = mulberry32(seed ^ 0x5eed);
      const off = new Map(
        tasks.map((task) => [task.id, task.ms * (1 + ESTIMATE_ERROR * (2 * random() - 1))]),
      );
      return (task) => off.get(task.id) ?? 0;
    },
  },
  // A first nightly run has no report to learn from: every build is estimated alike, every copy too.
  {
    name: "no report yet: default estimates",
    expectedMs: () => (task) => (task.action === "copy" ? COPY_EXPECTED_MS : DEFAULT_EXPECTED_MS),
  },
  { name: "round-robin (no estimates)", expectedMs: () => () => 0 },
];
