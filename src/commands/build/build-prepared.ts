// A real run walks the prepared plan: its display, the run itself, then the summary and report.
// Loaded once planning is done, so nothing of it delays the first line or `packer validate`.
import { packerCredentialEnv } from "../../aws/credentials.ts";
import type { CommandContext } from "../../cli/command.ts";
import { readProvisioningTail } from "../../packer/provisioning-output.ts";
import type { PlannedJob } from "../../plan/make-plan.ts";
import { displayMode } from "../../progress/display-mode.ts";
import { createProgressDisplay } from "../../progress/progress-display.ts";
import { projectPaths } from "../../project-paths.ts";
import type { Rehearsal } from "../../rehearsal/start-rehearsal.ts";
import type { CellPlanReport } from "../../report/build-report.ts";
import { reportToGitHub } from "../../report/github-report.ts";
import {
  COPY_EXPECTED_MS,
  DEFAULT_EXPECTED_MS,
  pastDurations,
} from "../../report/past-durations.ts";
import { recordRun } from "../../report/record-run.ts";
import { runPlan } from "../../run/run-plan.ts";
import { createMasker } from "../../secrets/mask-secrets.ts";
import { secretValues } from "../../secrets/secret-values.ts";
import { warningLines } from "./format-plan.ts";
import type { RunVariables } from "./plan-variables.ts";
import type { PreparedRun } from "./prepare-run.ts";
import { type ShardChoice, shardText } from "./select-shard.ts";

export async function buildPrepared({
  prepared,
  reportFile,
  killAfterMs,
  rehearsal,
  variables,
  shard,
  beforeRun,
  context: { cwd, env, io, signals },
}: {
  prepared: PreparedRun;
  reportFile: string | undefined;
  killAfterMs: number;
  rehearsal: Rehearsal | undefined;
  variables: RunVariables;
  shard: ShardChoice | undefined;
  beforeRun: () => void;
  context: Pick<CommandContext, "cwd" | "env" | "io" | "signals">;
}): Promise<number> {
  const mask = createMasker(
    secretValues({
      env: { ...env, ...rehearsal?.env },
      credentials: prepared.credentials,
      sensitiveValues: [...variables.sensitive, ...prepared.requiredFileValues],
    }),
  );
  const outputTail = (log: string) => readProvisioningTail(log).map(mask);
  const { plan, limits } = prepared;
  for (const line of warningLines(prepared.warnings)) io.stderr(`${line}\n`);
  const startedAt = new Date();
  const display = createProgressDisplay({
    jobs: plan.jobs.map((p) => p.job),
    mode: displayMode({ interactive: io.interactive === true, env }),
    write: io.stdout,
    maxAttempts: limits.retries + 1,
    limits,
    outputTail,
  });
  let result: Awaited<ReturnType<typeof runPlan>>;
  try {
    beforeRun();
    result = await runPlan({
      input: {
        plan,
        amiListDir: prepared.amiListDir,
        packerPath: prepared.packer.path,
        limits,
        unchanged: unchangedCells(prepared),
        expectedMs: await expectedDurations(),
      },
      settings: {
        killAfterMs,
        // Packer gets the credentials preflight resolved, in its environment only.
        packerEnv: {
          ...rehearsal?.env,
          ...(prepared.credentials ? packerCredentialEnv(prepared.credentials) : {}),
          ...variables.env,
        },
        sensitiveValues: [...variables.sensitive, ...prepared.requiredFileValues],
        ec2Endpoint: rehearsal?.endpoint,
        awsEnv: rehearsal?.env,
      },
      env,
      signals,
      onEvent: display.onEvent,
    });
  } finally {
    await display.finish();
  }
  const code = await recordRun({
    ...result,
    runId: plan.runId,
    runDir: plan.runDir,
    reportFile,
    amiListDir: prepared.amiListDir,
    cwd,
    startedAt,
    sourceImages: prepared.sourceImages,
    write: io.stdout,
    outputTail,
    rehearsal: prepared.mode.local,
    cells: cellPlans(prepared),
  });
  await reportToGitHub({
    outcomes: result.outcomes,
    env,
    title: `AMI build${shard ? `, ${shardText(shard)}` : ""}, run ${plan.runId}`,
    write: io.stdout,
    mask,
    outputTail,
  });
  return code;
}

// For the report: what the plan did with each cell and why.
function cellPlans(prepared: PreparedRun): Map<string, CellPlanReport> {
  return new Map(
    prepared.plan.jobs.map((p) => {
      const decision = prepared.decisions.get(p.job.id);
      const action = decision?.build === false ? "keep" : p.action;
      const reason = p.skipReason ?? decision?.reason ?? "";
      return [p.job.id, { action, reason, fingerprint: p.fingerprint }];
    }),
  );
}

// The cells found unchanged keep their listed AMI: job id → AMI id.
function unchangedCells(prepared: PreparedRun): Map<string, string> {
  return new Map(
    [...prepared.decisions].flatMap(([id, decision]) =>
      decision.build ? [] : [[id, decision.ami] as [string, string]],
    ),
  );
}

// Longest first needs lengths: the last real runs' durations, else an estimate (a copy is quicker).
async function expectedDurations(): Promise<(planned: PlannedJob) => number> {
  const past = await pastDurations(projectPaths.runs);
  return (planned) =>
    past.get(planned.job.id) ??
    (planned.action === "copy" ? COPY_EXPECTED_MS : DEFAULT_EXPECTED_MS);
}
