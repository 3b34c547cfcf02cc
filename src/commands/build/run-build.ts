// The build command's shell: rehearsal endpoint, preparation (plan, preflight, templates), then either
// the dry run's printout or the run itself with its display, report and summary.
import path from "node:path";
import type { CommandContext } from "../../cli/command.ts";
import { UserError } from "../../errors.ts";
import { displayMode } from "../../progress/display-mode.ts";
import { createProgressDisplay } from "../../progress/progress-display.ts";
import { startRehearsal } from "../../rehearsal/start-rehearsal.ts";
import { recordRun } from "../../report/record-run.ts";
import { runPlan } from "../../run/run-plan.ts";
import { toBuildOptions } from "./build-flags.ts";
import { formatPlanJson, formatPlanText } from "./format-plan.ts";
import { type PreparedRun, preparePlan } from "./prepare-run.ts";

export async function runBuild({ values, cwd, env, io, signals }: CommandContext): Promise<number> {
  const options = toBuildOptions(values);
  if (options.json && !options.dryRun) throw new UserError("--json goes with --dry-run.");
  if (options.localFaults && !options.local)
    throw new UserError("--local-faults goes with --local.");
  const rehearsal =
    options.local || options.ec2Endpoint
      ? await startRehearsal({
          ec2Endpoint: options.ec2Endpoint,
          faultsFile: options.localFaults,
          env,
          cwd,
        })
      : undefined;
  try {
    const mode = rehearsal ? { local: true, ec2Endpoint: rehearsal.endpoint } : { local: false };
    const awsEnv = { ...env, ...rehearsal?.env };
    const prepared = await preparePlan({ options, cwd, env, mode, awsEnv });
    if (options.dryRun) {
      io.stdout(`${options.json ? formatPlanJson(prepared) : formatPlanText(prepared, cwd)}\n`);
      return 0;
    }
    return await buildPrepared({
      prepared,
      reportFile: options.report ? path.resolve(cwd, options.report) : undefined,
      killAfterMs: options.killAfterSeconds * 1000,
      rehearsal,
      context: { cwd, env, io, signals },
    });
  } finally {
    await rehearsal?.close();
  }
}

async function buildPrepared({
  prepared,
  reportFile,
  killAfterMs,
  rehearsal,
  context: { cwd, env, io, signals },
}: {
  prepared: PreparedRun;
  reportFile: string | undefined;
  killAfterMs: number;
  rehearsal: { env: NodeJS.ProcessEnv; endpoint: string } | undefined;
  context: Pick<CommandContext, "cwd" | "env" | "io" | "signals">;
}): Promise<number> {
  const { plan, limits } = prepared;
  const startedAt = new Date();
  const display = createProgressDisplay({
    jobs: plan.jobs.map((p) => p.job),
    mode: displayMode({ interactive: io.interactive === true, env }),
    write: io.stdout,
    maxAttempts: limits.retries + 1,
    limits,
  });
  let result: Awaited<ReturnType<typeof runPlan>>;
  try {
    result = await runPlan({
      input: {
        plan,
        amiListDir: prepared.amiListDir,
        packerPath: prepared.packer.path,
        limits,
      },
      settings: { killAfterMs, packerEnv: rehearsal?.env, ec2Endpoint: rehearsal?.endpoint },
      env,
      signals,
      onEvent: display.onEvent,
    });
  } finally {
    await display.finish();
  }
  return recordRun({
    ...result,
    runId: plan.runId,
    runDir: plan.runDir,
    reportFile,
    amiListDir: prepared.amiListDir,
    cwd,
    startedAt,
    sourceImages: prepared.sourceImages,
    write: io.stdout,
  });
}
