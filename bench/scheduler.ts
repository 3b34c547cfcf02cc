// `npm run bench`: runs the project's Spark matrix through the real CLI, in-process, against the stand-in
// Packer, and prints how close the schedule comes to its lower bound and what the runner costs in CPU and
// memory. It prints figures; it exits 1 when a target is missed, so a person sees it, and 2 when a run
// itself went wrong.
import { EventEmitter } from "node:events";
import os from "node:os";
import { parseArgs } from "node:util";
import { startEc2Endpoint } from "./ec2-endpoint.ts";
import type { Limits, RunMeasurement } from "./measure-run.ts";
import { printFigures } from "./print-figures.ts";
import { type RunFigures, runFigures } from "./run-figures.ts";
import { type PlannedBuild, plannedBuilds, standInScenario } from "./scenario.ts";

const LIMITS: Limits = { concurrency: 8, regionConcurrency: 2 };
const SEED = 20_261_122;
const OUTPUT_BYTES = 20_000_000;

const HELP = `Usage: npm run bench -- [--repeat N] [--skip-warm-up] [--seed N]

Runs the default Spark matrix through the CLI in-process against the stand-in Packer
(test/fixtures/bin/packer) and ec2-local, twice per repeat: once with varied build times, once with
each job also printing ${OUTPUT_BYTES / 1e6} MB of output. Prints the figures; exits 1 if a target is missed.

  --repeat N       run each scenario N times and print the median (and min); default 1
  --skip-warm-up   count the first run's warm-up (first Packer spawns, JIT) instead of a warm-up run
  --seed N         seed for the build times; default ${SEED}`;

type Measure = (args: {
  outputBytes: number;
  extraArgs?: readonly string[];
}) => Promise<RunMeasurement>;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      repeat: { type: "string", default: "1" },
      "skip-warm-up": { type: "boolean", default: false },
      seed: { type: "string", default: String(SEED) },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const repeat = Number(values.repeat);
  const seed = Number(values.seed);
  if (!Number.isInteger(repeat) || repeat < 1 || !Number.isInteger(seed)) {
    console.error("bench: --repeat must be a whole number ≥ 1 and --seed a whole number");
    return 2;
  }

  // As build-amis.ts does, so the runner measured here is the one users get.
  const { applyProcessSettings } = await import("../src/cli/process-settings.ts");
  applyProcessSettings();
  const rssAtStart = process.memoryUsage().rss;
  // Loaded here rather than at the top so the memory the CLI's modules take shows on its own.
  const { measureRun } = await import("./measure-run.ts");
  await import("./build-modules.ts");
  const { loadMatrix } = await import("../src/matrix/load-matrix.ts");
  const { projectPaths } = await import("../src/project-paths.ts");
  const rssLoaded = process.memoryUsage().rss;
  const { jobs } = await loadMatrix({
    file: projectPaths.matrix,
    displayName: "matrix/spark.json",
  });

  console.log(
    `ami-matrix scheduler bench — Node ${process.version}, ${os.cpus().length} CPUs, ${os.platform()}, seed ${seed}, ${loadAverage()}`,
  );
  console.log(
    `RSS ${mb(rssAtStart)} at bench start (node + tsx), ${mb(rssLoaded)} once the CLI's modules are loaded, before any run`,
  );
  const builds = plannedBuilds(jobs, seed);
  const interrupts = watchInterrupts();
  const ec2 = await startEc2Endpoint();
  const measure: Measure = async ({ outputBytes, extraArgs }) => {
    interrupts.check();
    const measured = await measureRun({
      scenario: standInScenario(builds, { outputBytes }),
      limits: LIMITS,
      ec2Endpoint: ec2.url,
      extraArgs,
      signals: interrupts.signals,
    });
    progress(`  done; removed runs/${measured.runId} and the temp folder`);
    interrupts.check();
    return measured;
  };
  try {
    return await benchmark({ measure, builds, repeat, warmUp: !values["skip-warm-up"] });
  } finally {
    await ec2.close();
  }
}

async function benchmark({
  measure,
  builds,
  repeat,
  warmUp,
}: {
  measure: Measure;
  builds: readonly PlannedBuild[];
  repeat: number;
  warmUp: boolean;
}): Promise<number> {
  if (warmUp) {
    progress("warm-up run (us-east-1 only, not counted)");
    await measure({ outputBytes: 0, extraArgs: ["--only", "region=us-east-1"] });
  }
  const timing: RunFigures[] = [];
  const output: RunFigures[] = [];
  for (let round = 1; round <= repeat; round++) {
    progress(`run ${round}/${repeat}: ${builds.length} jobs, varied build times`);
    timing.push(runFigures(await measure({ outputBytes: 0 }), builds, LIMITS));
    progress(`run ${round}/${repeat}: same, ${OUTPUT_BYTES / 1e6} MB of output per job`);
    output.push(runFigures(await measure({ outputBytes: OUTPUT_BYTES }), builds, LIMITS));
  }

  const printed = printFigures({
    timing,
    output,
    outputBytes: OUTPUT_BYTES,
    jobs: builds.length,
    limits: LIMITS,
    warmedUp: warmUp,
    machine: `${os.cpus().length} CPUs, Node ${process.version}`,
  });
  console.log(
    [
      "",
      ...printed.lines,
      "",
      `machine at the end: ${loadAverage()}`,
      "",
      "README:",
      printed.summary,
    ].join("\n"),
  );
  if (printed.misses.length === 0) return 0;
  console.log(["", "MISSED TARGETS:", ...printed.misses.map((miss) => `  ${miss}`)].join("\n"));
  return 1;
}

// Other work on the machine slows the stand-in builds down; the figures are read with this in mind.
function loadAverage(): string {
  return `load average ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")}`;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}

function progress(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

// Ctrl-C in a run phase reaches the CLI as it would from a terminal (Packer cleans up, the run ends,
// the bench removes its folders and stops). Elsewhere the CLI is not listening: the bench stops after the
// step it is in, or at once on a second Ctrl-C.
function watchInterrupts(): { signals: EventEmitter; check(): void } {
  const signals = new EventEmitter();
  let stopping = false;
  const onSignal = (name: "SIGINT" | "SIGTERM") => {
    if (signals.listenerCount(name) > 0) {
      signals.emit(name);
      return;
    }
    if (stopping) process.exit(130);
    stopping = true;
    progress(`${name}: stopping after this step (again to stop now, leaving its folders)`);
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  return {
    signals,
    check() {
      if (stopping) throw new Error("interrupted");
    },
  };
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(
    `bench: a run failed, no figures: ${error instanceof Error ? error.message : error}`,
  );
  process.exitCode = 2;
}
