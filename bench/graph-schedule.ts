// Runs a task graph through the tool's own scheduler (src/run/scheduler.ts and its slots), as run-plan.ts
// drives it, with attempts that only wait on a virtual clock: the makespan is the scheduler's alone.
import { startScheduler } from "../src/run/scheduler.ts";
import type { JobSpan } from "./figures.ts";
import type { GraphTask } from "./graph-workload.ts";
import { onVirtualClock } from "./virtual-clock.ts";

export interface GraphSchedule {
  makespanMs: number;
  spans: (JobSpan & { region: string })[];
  /** Tasks that did not end `succeeded`: none, unless the scheduler misbehaves. */
  notSucceeded: string[];
}

export function scheduleGraph({
  tasks,
  limits,
  expectedMs,
}: {
  tasks: readonly GraphTask[];
  limits: { concurrency: number; regionConcurrency: number };
  /** What the scheduler is told a task will take (it starts longer ones first). */
  expectedMs: (task: GraphTask) => number;
}): Promise<GraphSchedule> {
  return onVirtualClock(async (clock) => {
    const spans: GraphSchedule["spans"] = [];
    const scheduler = startScheduler({
      tasks: tasks.map((task) => ({ ...task, expectedMs: expectedMs(task) })),
      concurrency: limits.concurrency,
      regionConcurrency: limits.regionConcurrency,
      retries: 0,
      retryDelayMs: 0,
      now: clock.now,
      runAttempt: async ({ task }) => {
        const startMs = clock.now();
        await clock.wait(task.ms);
        spans.push({ id: task.id, region: task.region, startMs, endMs: clock.now() });
        return { status: "succeeded", amis: { [task.region]: `ami-${task.id}` }, log: "" };
      },
    });
    const outcomes = await scheduler.done;
    return {
      makespanMs: Math.max(0, ...spans.map((span) => span.endMs)),
      spans,
      notSucceeded: outcomes.filter((o) => o.status !== "succeeded").map((o) => o.task.id),
    };
  });
}
