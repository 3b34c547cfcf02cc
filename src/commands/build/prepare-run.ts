// The thin shell around the pure planner: read the matrix and templates, ask Packer its version,
// plan, write the run folder and validate. A dry run stops here; a real run walks the result.
import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { createEc2Clients } from "../../aws/ec2-clients.ts";
import { UserError } from "../../errors.ts";
import { applyFilters, parseFilters } from "../../matrix/filters.ts";
import { loadMatrix } from "../../matrix/load-matrix.ts";
import type { Job } from "../../model/job.ts";
import { newRunId } from "../../model/run-id.ts";
import { findPacker } from "../../packer/find-packer.ts";
import { needsInit, type PackerVersion, readPackerVersion } from "../../packer/packer-version.ts";
import { makePlan, type Plan, type PlanMode } from "../../plan/make-plan.ts";
import { validateTemplates } from "../../plan/validate-templates.ts";
import { writePlanFiles } from "../../plan/write-plan-files.ts";
import { preflightAws } from "../../preflight/aws-access.ts";
import { writableLocationProblem } from "../../preflight/writable-location.ts";
import { projectPaths } from "../../project-paths.ts";
import { resolveSourceAmis } from "../../source-amis/resolve-source-amis.ts";
import type { SourceImage } from "../../source-amis/source-image-choice.ts";
import { TemplateRenderError } from "../../templates/template-engine.ts";
import { pathForDisplay } from "../../text/path-for-display.ts";
import { type CliOptions, DEFAULT_CONCURRENCY, DEFAULT_REGION_CONCURRENCY } from "./build-flags.ts";

export interface PreparedRun {
  plan: Plan;
  matrixFile: string;
  amiListDir: string;
  packer: { path: string; version: string; init: boolean };
  limits: {
    concurrency: number;
    regionConcurrency: number;
    retries: number;
    retryDelaySeconds: number;
  };
  totalCells: number;
  validatedTemplates: number;
  /** Local rehearsal or not, and the EC2-compatible endpoint if any. */
  mode: PlanMode;
  /** Job id → the source AMI it builds from (empty when AWS could not be asked, in a dry run). */
  sourceImages: ReadonlyMap<string, SourceImage>;
  /** Why a dry run could not ask AWS (source AMIs then show as filters). */
  awsNotChecked: string[];
}

export async function preparePlan({
  options,
  cwd,
  env,
  mode,
  awsEnv = env,
}: {
  options: CliOptions;
  cwd: string;
  env: NodeJS.ProcessEnv;
  mode: PlanMode;
  /** Environment for the SDK: the user's, plus a rehearsal's fake credentials. */
  awsEnv?: NodeJS.ProcessEnv;
}): Promise<PreparedRun> {
  const matrixFile = options.matrix ? path.resolve(cwd, options.matrix) : projectPaths.matrix;
  const loaded = await loadMatrix({
    file: matrixFile,
    displayName: pathForDisplay(matrixFile, cwd),
  });
  const filters = parseFilters({
    only: options.only,
    exclude: options.exclude,
    matrix: loaded.matrix,
  });
  const jobs = applyFilters(loaded.jobs, filters);
  if (jobs.length === 0) {
    throw new UserError(
      `The filters leave none of the matrix's ${loaded.jobs.length} cells to build; loosen --only or --exclude.`,
    );
  }

  const checks = await preflight({ options, cwd, env, awsEnv, mode, jobs });
  const { packerPath, version } = checks;
  const init = needsInit(version);
  const templates = await loadTemplates(
    jobs.map((j) => j.template),
    pathForDisplay(matrixFile, cwd),
  );
  await checkScriptsExist(
    jobs.flatMap((j) => j.scripts),
    pathForDisplay(matrixFile, cwd),
  );

  const runId = newRunId();
  let plan: Plan;
  try {
    plan = makePlan({
      jobs,
      runId,
      runDir: path.join(projectPaths.runs, runId),
      packerDir: projectPaths.packerDir,
      templates,
      needsInit: init,
      mode,
      sourceImages: checks.sourceImages,
    });
  } catch (error) {
    if (error instanceof TemplateRenderError) {
      throw new UserError(
        `${error.message}. Add it to the matrix (for example under variables) or remove it from the template.`,
        { cause: error },
      );
    }
    throw error;
  }
  await writePlanFiles({ plan, packerPath });
  const { validated } = await validateTemplates({ jobs: plan.jobs, packerPath, env });

  const limits = loaded.matrix.limits ?? {};
  return {
    plan,
    matrixFile,
    // A rehearsal never touches the committed AMI list unless asked to.
    amiListDir: options.amiList
      ? path.resolve(cwd, options.amiList)
      : mode.local
        ? path.join(plan.runDir, "ami-list")
        : projectPaths.amiList,
    packer: { path: packerPath, version: version.version, init },
    limits: {
      concurrency: options.concurrency ?? limits.concurrency ?? DEFAULT_CONCURRENCY,
      regionConcurrency:
        options.regionConcurrency ?? limits.regionConcurrency ?? DEFAULT_REGION_CONCURRENCY,
      retries: options.retries,
      retryDelaySeconds: options.retryDelaySeconds,
    },
    totalCells: loaded.jobs.length,
    sourceImages: checks.sourceImages,
    awsNotChecked: checks.awsNotChecked,
    validatedTemplates: validated,
    mode,
  };
}

async function loadTemplates(
  names: readonly string[],
  matrixName: string,
): Promise<Map<string, string>> {
  const templates = new Map<string, string>();
  for (const name of new Set(names)) {
    const file = path.join(projectPaths.packerDir, name);
    try {
      templates.set(name, await readFile(file, "utf8"));
    } catch (error) {
      throw new UserError(
        `${matrixName}: template "${name}" is not in the project's packer/ folder (${(error as NodeJS.ErrnoException).code}); fix the template setting or add the file.`,
        { cause: error },
      );
    }
  }
  return templates;
}

async function checkScriptsExist(scripts: readonly string[], matrixName: string): Promise<void> {
  const missing: string[] = [];
  for (const script of new Set(scripts)) {
    await access(path.join(projectPaths.packerDir, script)).catch(() => missing.push(script));
  }
  if (missing.length > 0) {
    throw new UserError(
      `${matrixName}: scripts ${missing.map((s) => `"${s}"`).join(", ")} not found in the project's packer/ folder; fix the scripts setting or add the files.`,
    );
  }
}

// Packer, credentials and regions are checked together, and every problem is reported at once.
// A dry run without AWS access still shows the plan, with the filters instead of pinned AMIs.
async function preflight({
  options,
  cwd,
  env,
  awsEnv,
  mode,
  jobs,
}: {
  options: CliOptions;
  cwd: string;
  env: NodeJS.ProcessEnv;
  awsEnv: NodeJS.ProcessEnv;
  mode: PlanMode;
  jobs: readonly Job[];
}): Promise<{
  packerPath: string;
  version: PackerVersion;
  sourceImages: Map<string, SourceImage>;
  awsNotChecked: string[];
}> {
  const clients = createEc2Clients({ endpoint: mode.ec2Endpoint, env: awsEnv });
  try {
    const [packer, awsProblems] = await Promise.all([
      findPacker({ flag: options.packer, env, cwd })
        .then(async (packerPath) => ({
          packerPath,
          version: await readPackerVersion(packerPath, { env }),
        }))
        .catch((error: unknown) => error),
      preflightAws({ clients, regions: [...new Set(jobs.map((j) => j.region))] }),
    ]);
    const outputProblems = options.dryRun ? [] : await checkOutputs({ options, cwd, mode });
    const problems = [
      ...(packer instanceof Error ? [packer.message] : []),
      ...outputProblems,
      ...awsProblems,
    ];
    if (packer instanceof Error && problems.length === 1) throw packer;
    if (
      packer instanceof Error ||
      outputProblems.length > 0 ||
      (awsProblems.length > 0 && !options.dryRun)
    ) {
      throw new UserError(
        `Preflight found ${problems.length === 1 ? "a problem" : `${problems.length} problems`}; nothing was started:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
      );
    }
    if (packer instanceof Error || packer === undefined) throw packer;
    const { packerPath, version } = packer as { packerPath: string; version: PackerVersion };
    if (awsProblems.length > 0)
      return { packerPath, version, sourceImages: new Map(), awsNotChecked: awsProblems };
    const resolution = await resolveSourceAmis({ jobs, clients });
    if (resolution.problems.length > 0) {
      throw new UserError(
        `Source AMIs could not be resolved (${resolution.problems.length === 1 ? "a problem" : `${resolution.problems.length} problems`}); nothing was started:\n${resolution.problems.map((p) => `  - ${p}`).join("\n")}`,
      );
    }
    return { packerPath, version, sourceImages: resolution.images, awsNotChecked: [] };
  } finally {
    clients.destroy();
  }
}

// A rehearsal's AMI list goes to the run's own folder, which the run creates; the others are the user's.
async function checkOutputs({
  options,
  cwd,
  mode,
}: {
  options: CliOptions;
  cwd: string;
  mode: PlanMode;
}): Promise<string[]> {
  const checks = [
    options.amiList || !mode.local
      ? writableLocationProblem({
          target: options.amiList ? path.resolve(cwd, options.amiList) : projectPaths.amiList,
          kind: "folder",
          flag: "--ami-list",
        })
      : undefined,
    options.report
      ? writableLocationProblem({
          target: path.resolve(cwd, options.report),
          kind: "file",
          flag: "--report",
        })
      : undefined,
  ];
  return (await Promise.all(checks)).filter((p) => p !== undefined);
}
