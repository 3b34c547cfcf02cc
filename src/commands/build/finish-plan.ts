// After preflight: the final plan rendered, written and validated (what early validation did not
// cover), then which cells changed; the prepared run a dry run prints and a real run walks.
import { credentialSource } from "../../aws/credentials.ts";
import type { Ec2Clients } from "../../aws/ec2-clients.ts";
import { type CostEstimate, DEFAULT_VOLUME_GB, estimateCost } from "../../cost/estimate-cost.ts";
import { UserError } from "../../errors.ts";
import { DEFAULT_CONCURRENCY, DEFAULT_REGION_CONCURRENCY } from "../../model/run-limits.ts";
import { needsInit } from "../../packer/packer-version.ts";
import type { Plan, PlannedJob } from "../../plan/make-plan.ts";
import type { RequiredFiles } from "../../plan/read-required-files.ts";
import {
  distinctTemplates,
  rejectedMessage,
  validateTemplates,
} from "../../plan/validate-templates.ts";
import { writePlanFiles } from "../../plan/write-plan-files.ts";
import { credentialExpiryWarning } from "../../preflight/credential-expiry.ts";
import type { PreflightResult } from "../../preflight/preflight-build.ts";
import { projectPaths } from "../../project-paths.ts";
import {
  COPY_EXPECTED_MS,
  DEFAULT_EXPECTED_MS,
  pastDurations,
} from "../../report/past-durations.ts";
import { plural } from "../../text/plural.ts";
import type { Decision } from "../../unchanged/decide-changes.ts";
import { checkChanges } from "./check-changes.ts";
import type { PlanWith, PrepareContext } from "./prepare-context.ts";
import type { PreparedRun } from "./prepare-run.ts";
import { validatingTitle } from "./validate-early.ts";
// After preflight: the final plan written and validated, then which cells changed.
export async function finishPlan({
  checks,
  clients,
  early,
  planWith,
  requiredFiles,
  context: { options, env, selection, listDir, mode, awsEnv, steps, signal, matrixFile },
}: {
  checks: PreflightResult;
  clients: Ec2Clients | undefined;
  early: Promise<{ keys: Set<string>; problems: string[] }>;
  planWith: PlanWith;
  /** Read once for the plan; their contents are kept only to be masked. */
  requiredFiles: Promise<RequiredFiles>;
  context: PrepareContext;
}): Promise<PreparedRun> {
  const { loaded, jobs } = selection;
  const validatedEarly = await early;
  // Ctrl-C: nothing more is written or validated.
  signal.throwIfAborted();

  const init = needsInit(checks.packer.version);
  const plan = await planWith(init, checks.sourceImages);
  await writePlanFiles({ plan, packerPath: checks.packer.path });
  const distinct = distinctTemplates(plan.jobs, (p) => checks.sourceImages.get(p.job.id)?.id ?? "");
  const left = distinct.filter((template) => !validatedEarly.keys.has(template.key));
  const problems = [...validatedEarly.problems];
  if (left.length > 0 && problems.length === 0) {
    steps.start("templates", validatingTitle(left, jobs.length));
    problems.push(
      ...(await validateTemplates({
        templates: left,
        packerPath: checks.packer.path,
        env,
        signal,
      })),
    );
  }
  if (problems.length > 0) {
    steps.failed("templates", `packer validate: ${plural(problems.length, "template")} rejected`);
    throw new UserError(rejectedMessage(problems));
  }
  steps.done(
    "templates",
    `Templates: ${plural(distinct.length, "distinct template")} for ${plural(jobs.length, "job")} passed packer validate`,
  );

  const decisions = await checkChanges({
    plan,
    amiListDir: listDir,
    clients: checks.awsNotChecked.length === 0 ? clients : undefined,
    force: options.force,
    forced: new Set(selection.selected.map((job) => job.id)),
    steps,
  });

  const limits = loaded.matrix.limits ?? {};
  const concurrency = options.concurrency ?? limits.concurrency ?? DEFAULT_CONCURRENCY;
  const expiry = credentialExpiryWarning({
    expiration: checks.credentials?.expiration,
    now: Date.now(),
    jobs: jobs.length,
    concurrency,
    source: credentialSource(awsEnv),
  });
  return {
    plan,
    matrixFile,
    amiListDir: listDir,
    packer: { path: checks.packer.path, version: checks.packer.version.version, init },
    limits: {
      concurrency,
      regionConcurrency:
        options.regionConcurrency ?? limits.regionConcurrency ?? DEFAULT_REGION_CONCURRENCY,
      retries: options.retries,
      retryDelaySeconds: options.retryDelaySeconds,
    },
    totalCells: loaded.jobs.length,
    sourceImages: checks.sourceImages,
    awsNotChecked: checks.awsNotChecked,
    warnings: [...checks.warnings, ...(expiry ? [expiry] : [])],
    ...(checks.credentials ? { credentials: checks.credentials } : {}),
    validatedTemplates: distinct.length,
    decisions,
    cost: await planCost(plan, decisions),
    requiredFileValues: (await requiredFiles).values,
    added: selection.added,
    mode,
  };
}

// Only what is built or copied costs anything; an AMI's root volume is the matrix's rootVolume size,
// else 8 GB (Amazon Linux's default).
async function planCost(
  plan: Plan,
  decisions: ReadonlyMap<string, Decision>,
): Promise<CostEstimate> {
  const past = await pastDurations(projectPaths.runs);
  const skipped = plan.jobs.filter((p) => p.action === "skip").length;
  const changed = plan.jobs.filter(
    (p): p is PlannedJob & { action: "build" | "copy" } =>
      p.action !== "skip" && decisions.get(p.job.id)?.build !== false,
  );
  return estimateCost(
    changed.map((p) => ({
      id: p.job.id,
      kind: p.action,
      region: p.region,
      instanceType: p.job.instanceType,
      expectedMs:
        past.get(p.job.id) ?? (p.action === "copy" ? COPY_EXPECTED_MS : DEFAULT_EXPECTED_MS),
      volumeGb: p.job.rootVolume?.sizeGb ?? DEFAULT_VOLUME_GB,
    })),
    { unchanged: plan.jobs.length - changed.length - skipped, skipped },
  );
}
