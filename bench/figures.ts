// Pure: what a run's captured output and report say about its schedule.

/** One `io.stdout` call of the CLI, stamped with the bench's clock (epoch ms, sub-ms precision). */
export interface StampedWrite {
  atMs: number;
  text: string;
}

export interface JobSpan {
  id: string;
  startMs: number;
  endMs: number;
}

// A plain progress line: `HH:MM:SS <subject padded>  <text>`; the subject is a job id or `run`.
const PLAIN_LINE = /^\d\d:\d\d:\d\d (\S+) +(.*)$/;

// A job's span runs from its `started` line (written in the same tick the scheduler gives it its slots)
// to its last progress line (`succeeded: ...`, written just after the job's outcome is taken).
export function jobSpans(writes: readonly StampedWrite[], jobIds: readonly string[]): JobSpan[] {
  const known = new Set(jobIds);
  const starts = new Map<string, number>();
  const ends = new Map<string, number>();
  for (const write of writes) {
    for (const line of write.text.split("\n")) {
      const match = PLAIN_LINE.exec(line);
      const subject = match?.[1];
      if (!subject || !known.has(subject)) continue;
      if (match[2]?.startsWith("started (") && !starts.has(subject))
        starts.set(subject, write.atMs);
      if (starts.has(subject)) ends.set(subject, write.atMs);
    }
  }
  return jobIds.flatMap((id) => {
    const startMs = starts.get(id);
    const endMs = ends.get(id);
    return startMs === undefined || endMs === undefined ? [] : [{ id, startMs, endMs }];
  });
}

export function makespanMs(spans: readonly JobSpan[]): number {
  if (spans.length === 0) return Number.NaN;
  return Math.max(...spans.map((s) => s.endMs)) - Math.min(...spans.map((s) => s.startMs));
}

export interface Work {
  region: string;
  ms: number;
}

export interface LowerBound {
  ms: number;
  binding: "longest job" | "total work" | "busiest region";
  longestMs: number;
  totalOverSlotsMs: number;
  busiestRegion: string;
  busiestRegionOverSlotsMs: number;
}

// No schedule under these limits can finish sooner: the longest job runs alone at best, all work is
// spread over `concurrency` slots at best, and each region's work over `regionConcurrency` slots at best.
export function lowerBound(
  work: readonly Work[],
  { concurrency, regionConcurrency }: { concurrency: number; regionConcurrency: number },
): LowerBound {
  const byRegion = new Map<string, number>();
  for (const { region, ms } of work) byRegion.set(region, (byRegion.get(region) ?? 0) + ms);
  const [busiestRegion = "-", busiestWork = 0] =
    [...byRegion].sort(([, a], [, b]) => b - a)[0] ?? [];
  const longestMs = Math.max(0, ...work.map((w) => w.ms));
  const totalOverSlotsMs = work.reduce((sum, w) => sum + w.ms, 0) / concurrency;
  const busiestRegionOverSlotsMs = busiestWork / regionConcurrency;
  const candidates = [
    ["longest job", longestMs],
    ["total work", totalOverSlotsMs],
    ["busiest region", busiestRegionOverSlotsMs],
  ] as const;
  const [binding, ms] = [...candidates].sort(([, a], [, b]) => b - a)[0] ?? candidates[0];
  return { ms, binding, longestMs, totalOverSlotsMs, busiestRegion, busiestRegionOverSlotsMs };
}

/** Average number of slots in use between the first start and the last end. */
export function averageBusySlots(spans: readonly JobSpan[]): number {
  const busy = spans.reduce((sum, s) => sum + (s.endMs - s.startMs), 0);
  return busy / makespanMs(spans);
}

export interface SlotUse {
  /** Most jobs between their start and end lines at one time; above the limit means a job's end line
   * comes after its slot was handed on (the AMI list write happens after the slot is released). */
  maxRunning: number;
  maxRunningInOneRegion: number;
  /** Free global slots × time, from the first start to the last start: jobs were still waiting. */
  idleWhileWaitingMs: number;
  /** Free global slots × time after the last start: nothing left to start. */
  idleInTailMs: number;
}

export function slotUse(
  spans: readonly (JobSpan & { region: string })[],
  concurrency: number,
): SlotUse {
  const events = spans
    .flatMap((s) => [
      { atMs: s.startMs, delta: 1, region: s.region },
      { atMs: s.endMs, delta: -1, region: s.region },
    ])
    // Ends before starts at the same instant: a slot handed on is not two jobs at once.
    .sort((a, b) => a.atMs - b.atMs || a.delta - b.delta);
  const lastStart = Math.max(...spans.map((s) => s.startMs));
  const perRegion = new Map<string, number>();
  let running = 0;
  let maxRunning = 0;
  let maxRunningInOneRegion = 0;
  let idleWhileWaitingMs = 0;
  let idleInTailMs = 0;
  let previous = events[0]?.atMs ?? 0;
  for (const event of events) {
    const idle = Math.max(0, concurrency - running) * (event.atMs - previous);
    if (event.atMs <= lastStart) idleWhileWaitingMs += idle;
    else idleInTailMs += idle;
    previous = event.atMs;
    running += event.delta;
    const inRegion = (perRegion.get(event.region) ?? 0) + event.delta;
    perRegion.set(event.region, inRegion);
    maxRunning = Math.max(maxRunning, running);
    maxRunningInOneRegion = Math.max(maxRunningInOneRegion, inRegion);
  }
  return { maxRunning, maxRunningInOneRegion, idleWhileWaitingMs, idleInTailMs };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
