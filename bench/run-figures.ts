// Pure: the figures one measured run gives, next to the build times the stand-in was told to take.

import { interleaveByRegion } from "../src/run/interleave-regions.ts";
import {
  averageBusySlots,
  type JobSpan,
  jobSpans,
  type LowerBound,
  lowerBound,
  makespanMs,
  type SlotUse,
  slotUse,
} from "./figures.ts";
import type { Limits, RunMeasurement } from "./measure-run.ts";
import type { PlannedBuild } from "./scenario.ts";
import { type Policy, simulateMakespan } from "./simulate.ts";

export interface RegionFigures {
  region: string;
  jobs: number;
  workMs: number;
  /** From the run's first job start. */
  firstStartMs: number;
  lastEndMs: number;
}

export interface RunFigures {
  planningMs: number;
  makespanMs: number;
  runPhaseMs: number;
  bound: LowerBound;
  configuredBound: LowerBound;
  ratio: number;
  overheadMeanMs: number;
  overheadMaxMs: number;
  /** A job's end line after its log's last write: Packer's exit, the AMI list write, waiting for the loop. */
  afterPackerMeanMs: number;
  afterPackerMaxMs: number;
  busySlots: number;
  slots: SlotUse;
  /** The measured job times replayed through each policy, with no overhead at all. */
  simulatedMs: Record<Policy, number>;
  cpuRunPhaseMs: number;
  cpuWholeCallMs: number;
  childCpuRunPhaseMs: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  rssBeforeBytes: number;
  peakRssBytes: number;
  peakHeapUsedBytes: number;
  processMaxRssBytes: number;
  logBytes: number;
  regions: RegionFigures[];
}

export function runFigures(
  run: RunMeasurement,
  builds: readonly PlannedBuild[],
  limits: Limits,
): RunFigures {
  const failed = run.report.jobs.filter((job) => job.status !== "succeeded");
  if (failed.length > 0 || run.report.jobs.length !== builds.length) {
    throw new Error(
      `expected ${builds.length} succeeded jobs, got ${run.report.jobs.length - failed.length}: ${failed.map((j) => `${j.id} ${j.status}`).join(", ")}`,
    );
  }
  const spans = jobSpans(
    run.writes,
    builds.map((b) => b.id),
  );
  if (spans.length !== builds.length)
    throw new Error(`found start and end lines for ${spans.length} of ${builds.length} jobs`);

  const regionById = new Map(builds.map((b) => [b.id, b.region]));
  const measured = run.report.jobs.map((job) => ({ region: job.region, ms: job.durationMs }));
  const configured = builds.map((b) => ({ region: b.region, ms: b.durationMs }));
  const configuredById = new Map(builds.map((b) => [b.id, b.durationMs]));
  const overheads = run.report.jobs.map(
    (job) => job.durationMs - (configuredById.get(job.id) ?? 0),
  );
  const afterPacker = spans.map((span) => span.endMs - (run.logEndMs[span.id] ?? Number.NaN));
  const bound = lowerBound(measured, limits);
  const measuredById = new Map(run.report.jobs.map((job) => [job.id, job.durationMs]));
  const inPlanOrder = builds.map((b) => ({ ...b, ms: measuredById.get(b.id) ?? 0 }));
  // The scheduler queues jobs round-robin across regions; the other policies pick for themselves.
  const simulate = (policy: Policy) =>
    simulateMakespan(
      policy === "plan-order" ? interleaveByRegion(inPlanOrder) : inPlanOrder,
      limits,
      policy,
    );
  const makespan = makespanMs(spans);
  return {
    planningMs: run.planningMs,
    makespanMs: makespan,
    runPhaseMs: run.runPhaseMs,
    bound,
    configuredBound: lowerBound(configured, limits),
    ratio: makespan / bound.ms,
    overheadMeanMs: overheads.reduce((a, b) => a + b, 0) / overheads.length,
    overheadMaxMs: Math.max(...overheads),
    afterPackerMeanMs: afterPacker.reduce((a, b) => a + b, 0) / afterPacker.length,
    afterPackerMaxMs: Math.max(...afterPacker),
    busySlots: averageBusySlots(spans),
    slots: slotUse(
      spans.map((span) => ({ ...span, region: regionById.get(span.id) ?? "-" })),
      limits.concurrency,
    ),
    simulatedMs: {
      "plan-order": simulate("plan-order"),
      "most-jobs-left": simulate("most-jobs-left"),
      "most-work-left": simulate("most-work-left"),
    },
    cpuRunPhaseMs: run.cpuRunPhaseMs,
    cpuWholeCallMs: run.cpuWholeCallMs,
    childCpuRunPhaseMs: run.childCpuRunPhaseMs,
    loopDelayP99Ms: run.loopDelayP99Ms,
    loopDelayMaxMs: run.loopDelayMaxMs,
    rssBeforeBytes: run.rssBeforeBytes,
    peakRssBytes: run.peakRssBytes,
    peakHeapUsedBytes: run.peakHeapUsedBytes,
    processMaxRssBytes: run.processMaxRssBytes,
    logBytes: run.logBytes,
    regions: regionFigures(run, spans),
  };
}

function regionFigures(run: RunMeasurement, spans: readonly JobSpan[]): RegionFigures[] {
  const origin = Math.min(...spans.map((s) => s.startMs));
  const spanById = new Map(spans.map((s) => [s.id, s]));
  const byRegion = new Map<string, RegionFigures>();
  for (const job of run.report.jobs) {
    const span = spanById.get(job.id);
    if (!span) continue;
    const region = byRegion.get(job.region) ?? {
      region: job.region,
      jobs: 0,
      workMs: 0,
      firstStartMs: Number.POSITIVE_INFINITY,
      lastEndMs: 0,
    };
    region.jobs++;
    region.workMs += job.durationMs;
    region.firstStartMs = Math.min(region.firstStartMs, span.startMs - origin);
    region.lastEndMs = Math.max(region.lastEndMs, span.endMs - origin);
    byRegion.set(job.region, region);
  }
  return [...byRegion.values()].sort((a, b) => b.workMs - a.workMs);
}
