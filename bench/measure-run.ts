// Runs the real CLI in-process against the stand-in Packer and measures it from outside: when each
// progress line was written, the runner's CPU time and memory, and the logs left on disk. Cleans up the
// temp folder and the run's folder under the project's runs/ afterwards, whatever happened.
import type { EventEmitter } from "node:events";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { runMain } from "../src/cli/run-main.ts";
import { COMMANDS } from "../src/commands/index.ts";
import type { RunReport } from "../src/report/build-report.ts";
import type { StampedWrite } from "./figures.ts";
import {
  childrenCpuMs,
  cpuMsBetween,
  epochNow,
  type MemoryPeaks,
  startMemorySampler,
} from "./meters.ts";
import { logFilesUnder, removeRunFolder, runFolder, runIdFromOutput } from "./run-folder.ts";

export const STAND_IN_PACKER = fileURLToPath(
  new URL("../test/fixtures/bin/packer", import.meta.url),
);

export interface Limits {
  concurrency: number;
  regionConcurrency: number;
}

export interface RunMeasurement {
  runId: string;
  report: RunReport;
  writes: StampedWrite[];
  /** runMain called → its first progress line (matrix, preflight, templates, `packer validate`). */
  planningMs: number;
  /** First progress line → runMain returned (builds, then report and summary). */
  runPhaseMs: number;
  /** process.cpuUsage() user+system, this process only (Packer children are not counted). */
  cpuRunPhaseMs: number;
  cpuWholeCallMs: number;
  /** CPU of the Packer processes that ended in the run phase (Linux only, else NaN): the load beside the runner. */
  childCpuRunPhaseMs: number;
  /** process.memoryUsage() sampled every 50 ms from runMain's call to its return. */
  peakRssBytes: number;
  peakHeapUsedBytes: number;
  rssBeforeBytes: number;
  /** process.resourceUsage().maxRSS after the run: the process peak so far, whatever caused it. */
  processMaxRssBytes: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  logFiles: number;
  logBytes: number;
  /** Job id → when its last attempt's log was last written (mtime): about when Packer's output ended. */
  logEndMs: Record<string, number>;
}

const RUN_LINE = /^\d\d:\d\d:\d\d run +\d+ jobs?\b/m;

export async function measureRun({
  scenario,
  limits,
  ec2Endpoint,
  extraArgs = [],
  signals,
}: {
  scenario: unknown;
  limits: Limits;
  /** Answers the CLI's own EC2 calls (credentials and region checks); the stand-in makes none. */
  ec2Endpoint: string;
  extraArgs?: readonly string[];
  signals: Pick<EventEmitter, "on" | "off">;
}): Promise<RunMeasurement> {
  const dir = await mkdtemp(path.join(tmpdir(), "ami-matrix-bench-"));
  const writes: StampedWrite[] = [];
  let stderr = "";
  let runId: string | undefined;
  try {
    const scenarioFile = path.join(dir, "scenario.json");
    const reportFile = path.join(dir, "report.json");
    await writeFile(scenarioFile, JSON.stringify(scenario));
    const { FAKE_PACKER_STATE: _state, PACKER: _packer, ...inherited } = process.env;
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      CI: "true",
      FAKE_PACKER_SCENARIO: scenarioFile,
      // As in a real run, so every output line goes through the secret masker.
      AWS_ACCESS_KEY_ID: "AKIABENCHBENCHBENCH0",
      AWS_SECRET_ACCESS_KEY: "bench/secret/0123456789abcdefghijklmnopqrstuv",
    };
    const args = [
      "--packer",
      STAND_IN_PACKER,
      "--ec2-endpoint",
      ec2Endpoint,
      "--concurrency",
      String(limits.concurrency),
      "--region-concurrency",
      String(limits.regionConcurrency),
      "--retries",
      "0",
      "--ami-list",
      path.join(dir, "ami-list"),
      "--report",
      reportFile,
      ...extraArgs,
    ];

    const memory = startMemorySampler();
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    let runPhase = undefined as
      | { atMs: number; cpu: NodeJS.CpuUsage; childCpuMs: number }
      | undefined;
    const cpuStart = process.cpuUsage();
    const startMs = epochNow();
    loopDelay.enable();
    let exitCode: number;
    let peaks: MemoryPeaks;
    try {
      exitCode = await runMain({
        rawArgs: args,
        commands: COMMANDS,
        cwd: dir,
        env,
        signals,
        io: {
          stdout: (text) => {
            const atMs = epochNow();
            if (!runPhase && RUN_LINE.test(text))
              runPhase = { atMs, cpu: process.cpuUsage(), childCpuMs: childrenCpuMs() };
            writes.push({ atMs, text });
          },
          stderr: (text) => {
            stderr += text;
          },
          interactive: false,
        },
      });
    } finally {
      loopDelay.disable();
      peaks = memory.stop();
    }
    const endMs = epochNow();
    const cpuEnd = process.cpuUsage();
    const childCpuEndMs = childrenCpuMs();

    const report = await readReport(reportFile);
    runId = report?.runId ?? runIdFromOutput(writes);
    if (exitCode !== 0 || !report || !runPhase) {
      const tail = [...writes.map((w) => w.text), stderr].join("").split("\n").slice(-15);
      throw new Error(
        `the CLI exited ${exitCode}${report ? "" : " without a report"}; last lines:\n${tail.join("\n")}`,
      );
    }
    const folder = runFolder(report.runId);
    if (!folder) throw new Error(`the report's run id ${report.runId} does not look like one`);
    const logs = await logFilesUnder(folder);
    const logEndMs: Record<string, number> = {};
    for (const job of report.jobs)
      logEndMs[job.id] = (await stat(path.resolve(dir, job.log))).mtimeMs;
    return {
      runId: report.runId,
      report,
      writes,
      planningMs: runPhase.atMs - startMs,
      runPhaseMs: endMs - runPhase.atMs,
      cpuRunPhaseMs: cpuMsBetween(runPhase.cpu, cpuEnd),
      cpuWholeCallMs: cpuMsBetween(cpuStart, cpuEnd),
      childCpuRunPhaseMs: childCpuEndMs - runPhase.childCpuMs,
      peakRssBytes: peaks.rss,
      peakHeapUsedBytes: peaks.heapUsed,
      rssBeforeBytes: peaks.rssAtStart,
      processMaxRssBytes: process.resourceUsage().maxRSS * 1024,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      loopDelayMaxMs: loopDelay.max / 1e6,
      logFiles: logs.count,
      logBytes: logs.bytes,
      logEndMs,
    };
  } finally {
    await removeRunFolder(runId);
    await rm(dir, { recursive: true, force: true });
  }
}

async function readReport(file: string): Promise<RunReport | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as RunReport;
  } catch {
    return undefined;
  }
}
