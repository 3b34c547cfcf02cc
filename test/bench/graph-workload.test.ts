import { describe, expect, it } from "vitest";
import {
  type GraphTask,
  graphLowerBound,
  longestChain,
  releaseLowerBound,
} from "../../bench/graph-workload.ts";

const LIMITS = { concurrency: 2, regionConcurrency: 1 };
const task = (id: string, region: string, ms: number, needs: string[] = []): GraphTask => ({
  id,
  region,
  ms,
  needs,
  action: "build",
});

describe("the task-graph bench's lower bounds", () => {
  it("take the longest chain of needs when it is longer than any spread of the work", () => {
    const tasks = [task("base", "a", 5), task("spark", "b", 4, ["base"]), task("other", "c", 1)];
    expect(longestChain(tasks)).toBe(9);
    expect(graphLowerBound(tasks, LIMITS)).toMatchObject({ ms: 9, binding: "longest chain" });
  });

  it("are the flat bound when there are no needs", () => {
    const tasks = [task("1", "a", 3), task("2", "a", 3), task("3", "b", 2)];
    expect(graphLowerBound(tasks, LIMITS)).toMatchObject({ ms: 6, binding: "busiest region" });
  });

  it("count the work a build holds back: copies that can only start after it", () => {
    // Nothing but the build can start before 2; after it, 8 of copies on 2 slots take 4 more.
    const tasks = [
      task("build", "home", 2),
      ...["a", "b", "c", "d"].map((r) => task(`copy-${r}`, r, 2, ["build"])),
    ];
    expect(graphLowerBound(tasks, LIMITS).ms).toBe(5);
    expect(releaseLowerBound(tasks, LIMITS)).toBe(6);
  });

  it("refuse a cycle of needs", () => {
    expect(() => longestChain([task("x", "a", 1, ["y"]), task("y", "a", 1, ["x"])])).toThrow(
      /cycle/,
    );
  });
});
