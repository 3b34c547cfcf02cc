// The build's preparation, a thin shell around the pure planner: select the cells, run preflight, read
// the templates, plan, write the run folder and validate. A dry run stops here; a real run walks it.
import path from "node:path";
import { type AwsCredentials, credentialSource } from "../../aws/credentials.ts";
import { createEc2Clients } from "../../aws/ec2-clients.ts";
import { UserError } from "../../errors.ts";
import { selectCells } from "../../matrix/select-cells.ts";
import { newRunId } from "../../model/run-id.ts";
import { DEFAULT_CONCURRENCY, DEFAULT_REGION_CONCURRENCY } from "../../model/run-limits.ts";
import { needsInit } from "../../packer/packer-version.ts";
import { makePlan, type Plan, type PlanMode } from "../../plan/make-plan.ts";
import { prepareRunFolder } from "../../plan/run-folder.ts";
import { validateTemplates } from "../../plan/validate-templates.ts";
import { writePlanFiles } from "../../plan/write-plan-files.ts";
import { refuseCellsInTheWay } from "../../preflight/check-cells-on-disk.ts";
import type { OutputPlace } from "../../preflight/check-outputs.ts";
import { credentialExpiryWarning } from "../../preflight/credential-expiry.ts";
import { preflightBuild } from "../../preflight/preflight-build.ts";
import { projectPaths } from "../../project-paths.ts";
import type { RunLimits } from "../../run/run-plan.ts";
import type { SourceImage } from "../../source-amis/source-image-choice.ts";
import { readTemplates } from "../../templates/read-templates.ts";
import { TemplateRenderError } from "../../templates/template-engine.ts";
import { pathForDisplay } from "../../text/path-for-display.ts";
import type { CliOptions } from "./build-flags.ts";

export interface PreparedRun {
  plan: Plan;
  matrixFile: string;
  amiListDir: string;
  packer: { path: string; version: string; init: boolean };
  limits: RunLimits;
  totalCells: number;
  validatedTemplates: number;
  /** Local rehearsal or not, and the EC2-compatible endpoint if any. */
  mode: PlanMode;
  /** Job id → the source AMI it builds from (empty when AWS could not be asked, in a dry run). */
  sourceImages: ReadonlyMap<string, SourceImage>;
  /** Why a dry run could not ask AWS (source AMIs then show as filters). */
  awsNotChecked: string[];
  /** What preflight found that does not stop the run, shown before it starts. */
  warnings: string[];
  /** Resolved by preflight for Packer, which gets them in its environment only. */
  credentials?: AwsCredentials;
}

export async function preparePlan({
  options,
  cwd,
  env,
  mode,
  awsEnv = env,
  runId = newRunId(),
}: {
  options: CliOptions;
  cwd: string;
  env: NodeJS.ProcessEnv;
  mode: PlanMode;
  /** Environment for the SDK: the user's, plus a rehearsal's fake credentials. */
  awsEnv?: NodeJS.ProcessEnv;
  /** Made before planning when the run locks its AMI list under it. */
  runId?: string;
}): Promise<PreparedRun> {
  const matrixFile = options.matrix ? path.resolve(cwd, options.matrix) : projectPaths.matrix;
  const matrixName = pathForDisplay(matrixFile, cwd);
  const { loaded, jobs } = await selectCells({
    file: matrixFile,
    displayName: matrixName,
    only: options.only,
    exclude: options.exclude,
  });
  const runDir = path.join(projectPaths.runs, runId);
  const listDir = amiListDir({ options, cwd, mode, runDir });
  const display = (file: string) => pathForDisplay(file, cwd);
  await refuseCellsInTheWay({ dir: listDir, jobs, display });

  const clients = createEc2Clients({ endpoint: mode.ec2Endpoint, env: awsEnv });
  const checks = await preflightBuild({
    jobs,
    clients,
    packerFlag: options.packer,
    packerDir: projectPaths.packerDir,
    outputs: options.dryRun ? [] : outputPlaces({ options, cwd, mode }),
    matrixName,
    dryRun: options.dryRun,
    rehearsal: mode.local,
    env,
    cwd,
  }).finally(() => clients.destroy());
  const packerPath = checks.packer.path;
  const init = needsInit(checks.packer.version);
  const templates = await readTemplates({
    packerDir: projectPaths.packerDir,
    names: jobs.map((j) => j.template),
  });

  let plan: Plan;
  try {
    plan = makePlan({
      jobs,
      runId,
      runDir,
      packerDir: projectPaths.packerDir,
      templates,
      needsInit: init,
      mode,
      sourceImages: checks.sourceImages,
    });
  } catch (error) {
    if (error instanceof TemplateRenderError) {
      throw new UserError(`${error.message}. ${error.advice}`, { cause: error });
    }
    throw error;
  }
  const { validated } = await prepareRunFolder({
    runDir,
    display,
    fill: async () => {
      await writePlanFiles({ plan, packerPath });
      return validateTemplates({ jobs: plan.jobs, packerPath, env });
    },
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
    packer: { path: packerPath, version: checks.packer.version.version, init },
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
    validatedTemplates: validated,
    mode,
  };
}

// A rehearsal never touches the committed AMI list unless asked to: it writes into the run's folder.
function amiListDir(args: { options: CliOptions; cwd: string; mode: PlanMode; runDir: string }) {
  return sharedAmiListDir(args) ?? path.join(args.runDir, "ami-list");
}

/** The AMI list other runs may write too (and so is locked); undefined for a rehearsal's own. */
export function sharedAmiListDir({
  options,
  cwd,
  mode,
}: {
  options: CliOptions;
  cwd: string;
  mode: PlanMode;
}): string | undefined {
  if (options.amiList) return path.resolve(cwd, options.amiList);
  return mode.local ? undefined : projectPaths.amiList;
}

// A rehearsal's AMI list goes to the run's own folder, which the run creates; the others are the user's.
function outputPlaces({
  options,
  cwd,
  mode,
}: {
  options: CliOptions;
  cwd: string;
  mode: PlanMode;
}): OutputPlace[] {
  return [
    ...(options.amiList || !mode.local
      ? [
          {
            target: options.amiList ? path.resolve(cwd, options.amiList) : projectPaths.amiList,
            kind: "folder" as const,
            flag: "--ami-list",
          },
        ]
      : []),
    ...(options.report
      ? [{ target: path.resolve(cwd, options.report), kind: "file" as const, flag: "--report" }]
      : []),
  ];
}
