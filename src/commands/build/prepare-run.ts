// The build's preparation, a thin shell around the pure planner: preflight, the source AMIs, the plan,
// the run folder and `packer validate`. A dry run stops here; a real run walks it.
// The slow parts run side by side: the templates are validated (once per distinct template) while AWS
// is asked for the source AMIs, from stand-ins that differ from the final templates only in the source
// AMI's id; a final template whose key was not validated that way (another id format, or the source
// filter of a dry run without AWS) is validated once the plan is written.
// Just over 200 lines: the side-by-side preparation reads best in one piece.
import { rm } from "node:fs/promises";
import path from "node:path";
import type { AwsCredentials } from "../../aws/credentials.ts";
import type { Ec2Clients } from "../../aws/ec2-clients.ts";
import type { CostEstimate } from "../../cost/estimate-cost.ts";
import type { Selection } from "../../matrix/select-cells.ts";
import type { Plan, PlanMode } from "../../plan/make-plan.ts";
import { readFileDigests } from "../../plan/read-file-digests.ts";
import { readRequiredFiles } from "../../plan/read-required-files.ts";
import { prepareRunFolder } from "../../plan/run-folder.ts";
import { refuseCellsInTheWay } from "../../preflight/check-cells-on-disk.ts";
import { checkPacker } from "../../preflight/check-packer.ts";
import { type PlanningSteps, preflightBuild } from "../../preflight/preflight-build.ts";
import { projectPaths } from "../../project-paths.ts";
import type { RunLimits } from "../../run/run-plan.ts";
import type { SourceImage } from "../../source-amis/source-image-choice.ts";
import { readTemplates } from "../../templates/read-templates.ts";
import { pathForDisplay } from "../../text/path-for-display.ts";
import type { Decision } from "../../unchanged/decide-changes.ts";
import type { CliOptions } from "./build-flags.ts";
import { finishPlan } from "./finish-plan.ts";
import { outputPlaces } from "./output-places.ts";
import type { PlanWith, PrepareContext } from "./prepare-context.ts";
import { renderPlan } from "./render-plan.ts";
import { amiListDir } from "./shared-ami-list.ts";
import { validateEarly } from "./validate-early.ts";

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
  /** Per job: built (and why) or unchanged, with the AMI it keeps. */
  decisions: ReadonlyMap<string, Decision>;
  /** What building the changed cells costs, estimated. */
  cost: CostEstimate;
  /** The contents of the files `requiresFiles` names, to mask; never shown or written. */
  requiredFileValues: readonly string[];
  /** Cells brought in because a selected cell needs them: id → the cell that needs it. */
  added: ReadonlyMap<string, string>;
}

export async function preparePlan({
  options,
  cwd,
  env,
  selection,
  matrixFile,
  matrixName,
  runId,
  rehearsal,
  steps,
  signal,
}: {
  options: CliOptions;
  cwd: string;
  env: NodeJS.ProcessEnv;
  selection: Selection;
  matrixFile: string;
  /** How the matrix file is named in messages. */
  matrixName: string;
  runId: string;
  /** Local rehearsal or not, and the environment for the SDK (a rehearsal's fake credentials). */
  rehearsal: Promise<{ mode: PlanMode; awsEnv: NodeJS.ProcessEnv }>;
  steps: PlanningSteps;
  /** Aborted by Ctrl-C: `packer validate` processes are stopped. */
  signal: AbortSignal;
}): Promise<PreparedRun> {
  const { jobs } = selection;
  const runDir = path.join(projectPaths.runs, runId);
  steps.start("packer", "Checking Packer");
  const packer = checkPacker({ flag: options.packer, env, cwd }).then((check) => {
    if (check.ok) steps.done("packer", `Packer ${check.version.version} (${check.path})`);
    else steps.failed("packer", "Packer: not usable");
    return check;
  });
  const { mode, awsEnv } = await rehearsal;
  const listDir = amiListDir({ options, cwd, mode, runDir });
  const display = (file: string) => pathForDisplay(file, cwd);
  await refuseCellsInTheWay({ dir: listDir, jobs, display });
  // A runs/ that cannot be written is a message; a preparation that fails leaves no run folder.
  return prepareRunFolder({
    runDir,
    display,
    fill: () =>
      prepareInFolder({
        options,
        cwd,
        env,
        selection,
        matrixFile,
        matrixName,
        runId,
        runDir,
        mode,
        awsEnv,
        listDir,
        packer,
        steps,
        signal,
      }),
  });
}

async function prepareInFolder(context: PrepareContext): Promise<PreparedRun> {
  const { options, cwd, env, selection, matrixName, runId, runDir, mode, awsEnv, packer } = context;
  const { steps, signal } = context;
  const { jobs } = selection;
  const templates = readTemplates({
    packerDir: projectPaths.packerDir,
    names: jobs.map((j) => j.template),
  }).catch(() => undefined);
  const fileDigests = readFileDigests({ packerDir: projectPaths.packerDir, jobs });
  const requiredFiles = readRequiredFiles({ packerDir: projectPaths.packerDir, jobs });
  // Awaited by every plan; a file that cannot be read is reported there, not as an unhandled rejection.
  requiredFiles.catch(() => {});
  const planWith: PlanWith = (init, sourceImages) =>
    renderPlan({
      selection,
      runId,
      runDir,
      init,
      mode,
      sourceImages,
      templates,
      fileDigests,
      requiredFiles,
      varFiles: options.varFiles,
      packerVariables: options.packerVariables,
    });

  let clients: Ec2Clients | undefined;
  let checksPassed = false;
  // Preflight's problems come first: the validation started early is stopped when it finds any.
  const stop = new AbortController();
  const validation = AbortSignal.any([signal, stop.signal]);
  let underway = () => {};
  const validating = new Promise<void>((resolve) => {
    underway = resolve;
  });
  const early = validateEarly({
    packer,
    planWith,
    env,
    signal: validation,
    steps,
    jobIds: jobs.map((j) => j.id),
    underway,
  }).finally(underway);
  early.catch(() => {});
  const checks = await preflightBuild({
    jobs,
    packer,
    clients: async () => {
      // The SDK's load keeps this thread busy for a while: first set `packer validate` going.
      await validating;
      const { createEc2Clients } = await import("../../aws/ec2-clients.ts");
      clients = createEc2Clients({ endpoint: mode.ec2Endpoint, env: awsEnv });
      return clients;
    },
    endpoint: mode.ec2Endpoint,
    packerDir: projectPaths.packerDir,
    outputs: options.dryRun ? [] : outputPlaces({ options, cwd, mode }),
    matrixName,
    dryRun: options.dryRun,
    rehearsal: mode.local,
    steps,
  })
    .catch(async (error: unknown) => {
      // Nothing of this run is worth keeping: the stand-in templates written so far go too.
      stop.abort();
      await early;
      await rm(runDir, { recursive: true, force: true });
      throw error;
    })
    .finally(() => {
      // Kept for the last step (which cells changed) unless preflight stopped the run.
      if (!checksPassed) clients?.destroy();
    });
  checksPassed = true;
  try {
    return await finishPlan({ checks, clients, early, planWith, requiredFiles, context });
  } finally {
    clients?.destroy();
  }
}
