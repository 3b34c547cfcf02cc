// One nightly step of `npm run bench:nightly`: the tool's dry run, then its real run with real Packer,
// both as a user runs them from the project copy, counted from the EC2 endpoint's side.
import { readFile } from "node:fs/promises";
import type { Ec2Local } from "../src/ec2-local/index.ts";
import { runCopy } from "../test/support/project-copy.ts";
import { CREDENTIALS } from "../test/support/prune-and-sweep-fixtures.ts";
import type { NightlyStep } from "./nightly-steps.ts";

export interface DryRunCost {
  launches: number;
  copies: number;
  unchanged: number;
  instanceHours: number;
  onDemand: string;
}

export interface NightlyFigures {
  /** RunInstances calls the endpoint answered. */
  launches: number;
  /** Instances the endpoint holds that it did not before. */
  instancesMade: number;
  copies: number;
  /** Jobs of the report by status. */
  statuses: Record<string, number>;
  wallMs: number;
  dryRun?: DryRunCost;
  /** Instances not terminated after the run: a leak if above 0. */
  leftRunning: number;
}

const ENV = { ...CREDENTIALS, AWS_POLL_DELAY_SECONDS: "0" };

export async function measureNightlyStep({
  ec2,
  project,
  amiList,
  report,
  step,
}: {
  ec2: Ec2Local;
  project: string;
  amiList: string;
  report: string;
  step: NightlyStep;
}): Promise<NightlyFigures> {
  const args = [
    "--ec2-endpoint",
    ec2.url,
    "--ami-list",
    amiList,
    ...(step.strategy === "copy" ? ["--strategy", "copy"] : []),
  ];
  const dry = await runCopy(project, [...args, "--dry-run"], ENV);
  if (dry.exitCode !== 0)
    throw new Error(`${step.name}: the dry run exited ${dry.exitCode}:\n${dry.stderr}`);

  ec2.clearCalls();
  const instancesBefore = ec2.instances().length;
  const startedAt = performance.now();
  const run = await runCopy(project, [...args, "--report", report], ENV);
  const wallMs = performance.now() - startedAt;
  if (run.exitCode !== 0)
    throw new Error(`${step.name}: the run exited ${run.exitCode}:\n${run.stderr}`);

  const jobs = JSON.parse(await readFile(report, "utf8")).jobs as { status: string }[];
  const statuses: Record<string, number> = {};
  for (const { status } of jobs) statuses[status] = (statuses[status] ?? 0) + 1;
  const dryRun = dryRunCost(String(dry.stdout));
  return {
    launches: ec2.calls({ action: "RunInstances" }).length,
    instancesMade: ec2.instances().length - instancesBefore,
    copies: ec2.calls({ action: "CopyImage" }).length,
    statuses,
    wallMs,
    ...(dryRun ? { dryRun } : {}),
    leftRunning: ec2.liveInstances().length,
  };
}

// The dry run's `Cost: 32 instance launches, 0 copies, 0 unchanged; about 10.7 build instance-hours,
// $1.23 on demand, ...` line (src/commands/build/format-plan.ts).
export function dryRunCost(stdout: string): DryRunCost | undefined {
  const match =
    /Cost: (\d+) instance launch(?:es)?, (\d+) cop(?:y|ies), (\d+) unchanged; about ([\d.]+) build instance-hours, (\S+) on demand/.exec(
      stdout,
    );
  if (!match) return undefined;
  const [, launches, copies, unchanged, hours, onDemand] = match;
  return {
    launches: Number(launches),
    copies: Number(copies),
    unchanged: Number(unchanged),
    instanceHours: Number(hours),
    onDemand: onDemand ?? "",
  };
}
