// `npm run bench:nightly`: instance launches and copies per nightly run, counted by an ec2-local endpoint,
// for real runs of the tool with real Packer on a throwaway copy of the project: a fresh list, nothing
// changed, an AMI gone, a script changed, and the copy strategy. Prints figures; exits 1 when a count is
// not the one issue 11 expects, 2 when a run itself went wrong.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DeregisterImageCommand } from "@aws-sdk/client-ec2";
import { type Ec2Local, startEc2Local } from "../src/ec2-local/index.ts";
import { copyProjectInto } from "../test/support/project-copy.ts";
import { clientFor } from "../test/support/prune-and-sweep-fixtures.ts";
import { benchArgs } from "./bench-args.ts";
import { measureNightlyStep, type NightlyFigures } from "./nightly-run.ts";
import { NIGHTLY_STEPS } from "./nightly-steps.ts";
import { nightlyTable } from "./nightly-table.ts";

const HELP = `Usage: npm run bench:nightly -- [--rounds N]

Runs the tool ${NIGHTLY_STEPS.length} times in a row (each after its dry run) with real Packer against an
in-process ec2-local, on a copy of the project in a temp folder, and prints the instance launches and
copies each run made, counted by the endpoint. Exits 1 if a count is not the expected one.

  --rounds N   the whole sequence N times, each on a fresh copy and endpoint; default 1`;

async function main(): Promise<number> {
  const args = benchArgs({
    bench: "bench:nightly",
    help: HELP,
    flags: { rounds: { default: 1, min: 1 } },
  });
  if (typeof args === "number") return args;
  const count = args.rounds;
  // As the CLI does (src/cli/process-settings.ts): the SDK's notice about future Node 22 releases is noise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const loadAtStart = loadAverage();
  const startedAt = performance.now();
  const rounds: NightlyFigures[][] = [];
  for (let round = 1; round <= count; round++) rounds.push(await oneRound(round, count));
  const { lines, misses } = nightlyTable(NIGHTLY_STEPS, rounds);
  console.log(
    [
      `ami-matrix nightly-launches bench — Node ${process.version}, ${os.cpus().length} CPUs, ${count === 1 ? "one round" : `${count} rounds (ranges over rounds)`}, ${((performance.now() - startedAt) / 1000).toFixed(0)} s in all`,
      `load average at the start ${loadAtStart}, at the end ${loadAverage()}`,
      "",
      ...lines,
      "",
      "RunInstances and CopyImage: calls the endpoint answered during the real run (not the dry run);",
      "instances made: instances the endpoint holds after the run that it did not before; report: the run's",
      "jobs by status; wall s: the CLI process from spawn to exit, Packer 1.6.6 included; dry run: its Cost",
      "line (estimates for AWS: no past report counts, as rehearsal reports are not AWS's durations)",
    ].join("\n"),
  );
  if (misses.length === 0) return 0;
  console.log(["", "UNEXPECTED COUNTS:", ...misses.map((miss) => `  ${miss}`)].join("\n"));
  return 1;
}

// A fresh endpoint, project copy and AMI lists; every step in order; all of it removed after.
async function oneRound(round: number, rounds: number): Promise<NightlyFigures[]> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "ami-matrix-bench-nightly-"));
  const ec2 = await startEc2Local({ port: 0 });
  try {
    const project = path.join(scratch, "project");
    await mkdir(project);
    await copyProjectInto(project);
    const figures: NightlyFigures[] = [];
    for (const [index, step] of NIGHTLY_STEPS.entries()) {
      progress(`round ${round}/${rounds}: ${step.name}`);
      const amiList = path.join(scratch, `${step.strategy}-list`);
      await step.change?.({
        project,
        amiList,
        deregister: (region, imageId) => deregister(ec2, region, imageId),
      });
      figures.push(
        await measureNightlyStep({
          ec2,
          project,
          amiList,
          report: path.join(scratch, `report-${index}.json`),
          step,
        }),
      );
    }
    return figures;
  } finally {
    await ec2.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

async function deregister(ec2: Ec2Local, region: string, imageId: string): Promise<void> {
  const client = clientFor(ec2, region);
  try {
    await client.send(new DeregisterImageCommand({ ImageId: imageId }));
  } finally {
    client.destroy();
  }
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
}

function progress(text: string): void {
  process.stderr.write(`bench:nightly: ${text}\n`);
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(
    `bench:nightly: a run failed, no figures: ${error instanceof Error ? error.message : error}`,
  );
  process.exitCode = 2;
}
