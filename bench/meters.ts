// What the bench reads about its own process while the CLI runs in it: clock, CPU and memory.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

export const MEMORY_SAMPLE_MS = 50;

/** Epoch milliseconds with sub-millisecond precision, from the monotonic clock. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export function cpuMsBetween(from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number {
  return (to.user - from.user + to.system - from.system) / 1000;
}

// Linux's /proc/self/stat: CPU of the children this process has waited for (cutime, cstime), which
// includes theirs (the stand-in's wrapper waits for its core); in USER_HZ ticks, 100 a second on Linux.
export function childrenCpuMs(): number {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return Number.NaN;
  }
}

export interface MemoryPeaks {
  rssAtStart: number;
  rss: number;
  heapUsed: number;
}

// A timer, so a peak between two samples can be missed; maxRSS (process.resourceUsage) cannot miss one.
export function startMemorySampler(): { stop(): MemoryPeaks } {
  const first = process.memoryUsage();
  const peaks: MemoryPeaks = { rssAtStart: first.rss, rss: first.rss, heapUsed: first.heapUsed };
  const take = () => {
    const now = process.memoryUsage();
    peaks.rss = Math.max(peaks.rss, now.rss);
    peaks.heapUsed = Math.max(peaks.heapUsed, now.heapUsed);
  };
  const timer = setInterval(take, MEMORY_SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peaks;
    },
  };
}
