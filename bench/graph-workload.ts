// Pure: the task graphs `npm run bench:graph` schedules, made from the matrix's real jobs and the rule
// for what each cell needs, and the lower bound no schedule of such a graph can beat.
import { neededJobIds } from "../src/matrix/cell-dependencies.ts";
import { isCopyJob, type Job } from "../src/model/job.ts";
import { COPY_EXPECTED_MS, DEFAULT_EXPECTED_MS } from "../src/report/past-durations.ts";
import { type LowerBound, lowerBound } from "./figures.ts";
import { plannedBuilds } from "./scenario.ts";

export interface GraphTask {
  id: string;
  region: string;
  action: "build" | "copy";
  ms: number;
  needs: string[];
}

export const GRAPH_SCENARIOS = ["no deps", "with deps", "copy strategy"] as const;
export type GraphScenario = (typeof GRAPH_SCENARIOS)[number];

export interface DurationRange {
  minMs: number;
  maxMs: number;
}

/**
 * `no deps`: every cell built on its own; `with deps`: each cell of an image built `from` another waits
 * for that cell; `copy strategy`: one build per image × virtualization in the home region, copies of it
 * elsewhere. Build times are seeded (see plannedBuilds); a copy takes the share of a build the tool's
 * own estimates give it (COPY_EXPECTED_MS / DEFAULT_EXPECTED_MS).
 */
export function graphTasks(
  jobs: readonly Job[],
  scenario: GraphScenario,
  seed: number,
  range: DurationRange,
): GraphTask[] {
  const cells: Job[] =
    scenario === "copy strategy" ? jobs.map((job) => ({ ...job, strategy: "copy" })) : [...jobs];
  const drawn = new Map(plannedBuilds(cells, seed, range).map((b) => [b.id, b.durationMs]));
  return cells.map((job) => {
    const copy = isCopyJob(job);
    const ms = drawn.get(job.id) ?? 0;
    return {
      id: job.id,
      region: job.region,
      action: copy ? "copy" : "build",
      ms: copy ? Math.round((ms * COPY_EXPECTED_MS) / DEFAULT_EXPECTED_MS) : ms,
      needs: scenario === "no deps" ? [] : neededJobIds(job),
    };
  });
}

export interface GraphBound extends Omit<LowerBound, "binding"> {
  binding: LowerBound["binding"] | "longest chain";
  /** The most work one after another: a task and, recursively, the longest of what it needs. */
  longestChainMs: number;
}

// A task cannot start before what it needs has ended, so the longest chain of needs is a bound too;
// without needs it is the longest task, and the bound is lowerBound's.
export function graphLowerBound(
  tasks: readonly GraphTask[],
  limits: { concurrency: number; regionConcurrency: number },
): GraphBound {
  const flat = lowerBound(tasks, limits);
  const longestChainMs = longestChain(tasks);
  return longestChainMs > flat.ms
    ? { ...flat, ms: longestChainMs, binding: "longest chain", longestChainMs }
    : { ...flat, longestChainMs };
}

/**
 * Tighter where needs hold work back: a task cannot start before the chain of what it needs has run, so
 * for each such earliest start, all the work that cannot start sooner still has to run after it, spread
 * over the global slots at best and over its region's slots at best. It is never below graphLowerBound.
 */
export function releaseLowerBound(
  tasks: readonly GraphTask[],
  limits: { concurrency: number; regionConcurrency: number },
): number {
  const ends = chainEnds(tasks);
  const earliest = (task: GraphTask) => (ends.get(task.id) ?? task.ms) - task.ms;
  let bound = graphLowerBound(tasks, limits).ms;
  for (const at of new Set(tasks.map(earliest))) {
    const later = lowerBound(
      tasks.filter((task) => earliest(task) >= at),
      limits,
    );
    bound = Math.max(bound, at + Math.max(later.totalOverSlotsMs, later.busiestRegionOverSlotsMs));
  }
  return bound;
}

export function longestChain(tasks: readonly GraphTask[]): number {
  return Math.max(0, ...chainEnds(tasks).values());
}

/** Per task id: the most work that must run one after another up to its end, itself included. */
function chainEnds(tasks: readonly GraphTask[]): Map<string, number> {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const chains = new Map<string, number>();
  const chainOf = (task: GraphTask, path: readonly string[]): number => {
    const known = chains.get(task.id);
    if (known !== undefined) return known;
    if (path.includes(task.id))
      throw new Error(`a cycle of needs: ${[...path, task.id].join(" → ")}`);
    let before = 0;
    for (const id of task.needs) {
      const needed = byId.get(id);
      if (needed) before = Math.max(before, chainOf(needed, [...path, task.id]));
    }
    chains.set(task.id, before + task.ms);
    return before + task.ms;
  };
  for (const task of tasks) chainOf(task, []);
  return chains;
}
