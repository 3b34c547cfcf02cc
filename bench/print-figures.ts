// Pure: the figures as a table a person reads, the targets they are held to, and one line for the README.
// Over 200 lines: a benchmark's printing, every figure beside what it is measured against.
import { alignColumns } from "../src/text/align-columns.ts";
import { median } from "./figures.ts";
import type { RunFigures } from "./run-figures.ts";

export const TARGET_RATIO = 1.1;
export const TARGET_PEAK_RSS_BYTES = 200_000_000;

export interface Printed {
  lines: string[];
  /** One line per missed target, empty when all are met. */
  misses: string[];
  summary: string;
}

interface Row {
  figure: string;
  value: (run: RunFigures) => number;
  format: (value: number) => string;
  /** Which scenario the target applies to, its wording, and the check on the median. */
  target?: { scenario: "timing" | "output"; text: string; met: (median: number) => boolean };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${Math.round(ms)} ms`;
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const times = (ratio: number) => `${ratio.toFixed(3)}×`;
const bytes = (n: number) => (n >= 10e6 ? megabytes(n) : `${(n / 1e3).toFixed(0)} kB`);

const ROWS: Row[] = [
  {
    figure: "planning: preflight, templates, validate",
    value: (r) => r.planningMs,
    format: seconds,
  },
  { figure: "makespan: first job start → last end", value: (r) => r.makespanMs, format: seconds },
  { figure: "lower bound from measured in-slot work", value: (r) => r.bound.ms, format: seconds },
  {
    figure: "ratio makespan / bound",
    value: (r) => r.ratio,
    format: times,
    target: { scenario: "timing", text: `≤ ${TARGET_RATIO}`, met: (m) => m <= TARGET_RATIO },
  },
  {
    figure: "same times replayed / bound: this scheduler",
    value: (r) => r.simulatedMs["plan-order"] / r.bound.ms,
    format: times,
  },
  {
    figure: "… region with most jobs left first",
    value: (r) => r.simulatedMs["most-jobs-left"] / r.bound.ms,
    format: times,
  },
  {
    figure: "… most work left first, longest first",
    value: (r) => r.simulatedMs["most-work-left"] / r.bound.ms,
    format: times,
  },
  {
    figure: "idle slot-time while jobs still waited",
    value: (r) => r.slots.idleWhileWaitingMs,
    format: seconds,
  },
  {
    figure: "idle slot-time after the last start",
    value: (r) => r.slots.idleInTailMs,
    format: seconds,
  },
  { figure: "average busy slots", value: (r) => r.busySlots, format: (n) => n.toFixed(2) },
  { figure: "most jobs at once", value: (r) => r.slots.maxRunning, format: String },
  {
    figure: "most jobs at once in one region",
    value: (r) => r.slots.maxRunningInOneRegion,
    format: String,
  },
  {
    figure: "lower bound from configured durations",
    value: (r) => r.configuredBound.ms,
    format: seconds,
  },
  {
    figure: "per-job overhead (in-slot − configured)",
    value: (r) => r.overheadMeanMs,
    format: millis,
  },
  { figure: "per-job overhead, max", value: (r) => r.overheadMaxMs, format: millis },
  {
    figure: "end line after the log's last write",
    value: (r) => r.afterPackerMeanMs,
    format: millis,
  },
  { figure: "… max", value: (r) => r.afterPackerMaxMs, format: millis },
  { figure: "run phase: first line → CLI returned", value: (r) => r.runPhaseMs, format: seconds },
  { figure: "runner CPU in the run phase", value: (r) => r.cpuRunPhaseMs, format: seconds },
  { figure: "runner CPU, whole CLI call", value: (r) => r.cpuWholeCallMs, format: seconds },
  {
    figure: "stand-in Packer CPU in the run phase",
    value: (r) => r.childCpuRunPhaseMs,
    format: seconds,
  },
  { figure: "event-loop delay p99", value: (r) => r.loopDelayP99Ms, format: millis },
  { figure: "event-loop delay max", value: (r) => r.loopDelayMaxMs, format: millis },
  { figure: "RSS when the CLI was called", value: (r) => r.rssBeforeBytes, format: megabytes },
  {
    figure: "RSS peak in the run (50 ms samples)",
    value: (r) => r.peakRssBytes,
    format: megabytes,
  },
  {
    figure: "heap used peak (50 ms samples)",
    value: (r) => r.peakHeapUsedBytes,
    format: megabytes,
  },
  {
    figure: "process peak RSS (maxRSS)",
    value: (r) => r.processMaxRssBytes,
    format: megabytes,
    target: {
      scenario: "output",
      text: `< ${megabytes(TARGET_PEAK_RSS_BYTES)}`,
      met: (m) => m < TARGET_PEAK_RSS_BYTES,
    },
  },
  { figure: "log files written, then deleted", value: (r) => r.logBytes, format: bytes },
];

const NOTES = [
  "What is measured:",
  "  makespan    the bench stamps every line the CLI writes (ms clock): first job's `started` line to the",
  "              last job's last line (`succeeded: ...`); planning before and the report after are excluded",
  "  in-slot     the report's per-job durationMs: first attempt's start to the job's end; it includes the",
  "  work        AMI list write that follows the slot's release, so the bound is a little generous",
  "  bound       max(longest job, total work / global slots, busiest region's work / region slots)",
  "  replayed    the measured times through a policy with no overhead: `this scheduler` is a FIFO per",
  "              region, fed round-robin across regions, whose admitted jobs join one global FIFO, as src/run/scheduler.ts",
  "  at once     jobs between their start and end lines; above the limit means end lines come after",
  "              the slot was handed on (the next job starts as soon as Packer is done)",
  "  idle        free global slots × time, before and after the last job start",
  "  overhead    in-slot time minus the stand-in's durationMs: two node start-ups per build, output, and",
  "              waiting for CPU on this machine (see the stand-in CPU and the load average)",
  "  end line    a job's end line minus its log's mtime: the stand-in's last pause (≤ 45 ms), Packer's",
  "  after log   exit, the AMI list cell and index write (after the slot is released), event-loop waits",
  "  CPU         process.cpuUsage() user+system of this process, which hosts the CLI (children excluded;",
  "              the bench's own sampling is included and small); stand-in CPU from /proc/self/stat",
  "  ec2-local   answers the CLI's own EC2 calls (preflight, source AMIs) from a child process that",
  "              no figure counts; the stand-in Packer makes none",
  "  memory      process.memoryUsage() every 50 ms from the CLI call to its return; maxRSS is",
  "              process.resourceUsage().maxRSS, the peak of this whole process (tsx, the bench, all runs)",
];

export function printFigures({
  timing,
  output,
  outputBytes,
  jobs,
  limits,
  warmedUp,
  machine,
}: {
  timing: readonly RunFigures[];
  output: readonly RunFigures[];
  outputBytes: number;
  jobs: number;
  limits: { concurrency: number; regionConcurrency: number };
  warmedUp: boolean;
  /** e.g. `2 CPUs, Node v20.19.0`, for the README line. */
  machine: string;
}): Printed {
  const repeat = timing.length;
  const cell = (runs: readonly RunFigures[], row: Row) => {
    const values = runs.map(row.value);
    const mid = row.format(median(values));
    return values.length === 1 ? mid : `${mid} (min ${row.format(Math.min(...values))})`;
  };
  const misses: string[] = [];
  const rows = ROWS.map((row) => {
    let result = "";
    if (row.target) {
      const runs = row.target.scenario === "timing" ? timing : output;
      const value = median(runs.map(row.value));
      result = row.target.met(value) ? "PASS" : "MISS";
      if (result === "MISS")
        misses.push(`${row.figure}: ${row.format(value)}, target ${row.target.text}`);
    }
    return [row.figure, cell(timing, row), cell(output, row), row.target?.text ?? "", result];
  });
  const header = [
    "figure",
    `${jobs} jobs, varied times`,
    `same + ${megabytes(outputBytes)} output each`,
    "target",
    "",
  ];
  const lines = [
    `${jobs} jobs, ${limits.concurrency} at once, ${limits.regionConcurrency} per region, --retries 0;` +
      ` ${repeat === 1 ? "one run" : `${repeat} runs, median (min)`} per scenario;` +
      ` ${warmedUp ? "after a warm-up run (not counted)" : "no warm-up: the first run pays for it"}`,
    "",
    ...alignColumns([header, ...rows], { rightAligned: [1, 2] }),
    "",
    ...boundLines(timing.at(-1), limits.regionConcurrency),
    "",
    ...NOTES,
  ];
  const summary = summaryLine({ timing, output, outputBytes, jobs, limits, machine });
  return { lines, misses, summary };
}

// Which constraint sets the bound, and when each region's work ran, for the last timing run.
function boundLines(run: RunFigures | undefined, regionSlots: number): string[] {
  if (!run) return [];
  const { bound } = run;
  const rows = run.regions.map((r) => [
    r.region,
    String(r.jobs),
    seconds(r.workMs),
    seconds(r.workMs / regionSlots),
    seconds(r.firstStartMs),
    seconds(r.lastEndMs),
  ]);
  return [
    `bound of the last timing run = ${bound.binding}: longest job ${seconds(bound.longestMs)},`,
    `  total work / slots ${seconds(bound.totalOverSlotsMs)}, busiest region (${bound.busiestRegion}) work / region slots ${seconds(bound.busiestRegionOverSlotsMs)}`,
    "",
    ...alignColumns(
      [["region", "jobs", "work", `work / ${regionSlots}`, "first start", "last end"], ...rows],
      { rightAligned: [1, 2, 3, 4, 5] },
    ),
  ];
}

function summaryLine({
  timing,
  output,
  outputBytes,
  jobs,
  limits,
  machine,
}: {
  timing: readonly RunFigures[];
  output: readonly RunFigures[];
  outputBytes: number;
  jobs: number;
  limits: { concurrency: number; regionConcurrency: number };
  machine: string;
}): string {
  const m = (runs: readonly RunFigures[], pick: (r: RunFigures) => number) =>
    median(runs.map(pick));
  const ratio = m(timing, (r) => r.ratio);
  const peak = m(output, (r) => r.processMaxRssBytes);
  const verdict = (met: boolean) => (met ? "met" : "missed");
  return (
    `\`npm run bench\` (${machine}, stand-in Packer): ${jobs} jobs of 0.3–1.5 s at ${limits.concurrency} at once, ${limits.regionConcurrency} per region` +
    ` finish in ${seconds(m(timing, (r) => r.makespanMs))}, ${times(ratio)} the lower bound (target ≤ ${TARGET_RATIO} ${verdict(ratio <= TARGET_RATIO)}),` +
    ` runner CPU ${seconds(m(timing, (r) => r.cpuRunPhaseMs))};` +
    ` with ${megabytes(outputBytes)} of output per job, peak RSS ${megabytes(peak)} (target < ${megabytes(TARGET_PEAK_RSS_BYTES)} ${verdict(peak < TARGET_PEAK_RSS_BYTES)}),` +
    ` ${megabytes(m(output, (r) => r.logBytes))} of logs on disk, runner CPU ${seconds(m(output, (r) => r.cpuRunPhaseMs))}.`
  );
}
