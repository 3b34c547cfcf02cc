// Pure: jobs + Packer version + mode → what each job renders and runs. The real run walks this plan.
import path from "node:path";
import { attemptAmiName } from "../model/attempt-name.ts";
import type { Job } from "../model/job.ts";
import { jobTags, TOOL_NAME } from "../model/tags.ts";
import { renderTemplate } from "../templates/template-engine.ts";
import { AMI_NAME_VARIABLE, type PackerCommands, packerCommands } from "./packer-command.ts";

export interface PlanMode {
  /** Local rehearsal: no SSH, so remote provisioning is skipped. */
  local: boolean;
  /** An EC2-compatible endpoint that both Packer and the SDK talk to. */
  ec2Endpoint?: string;
}

export interface PlannedJob {
  /** The job's id and region, so the scheduler can take the planned job as its task. */
  id: string;
  region: string;
  job: Job;
  runId: string;
  /** This job's folder in the run directory. */
  dir: string;
  templateFile: string;
  templateText: string;
  commands: PackerCommands;
  /** The user's --var-file files (absolute), passed to every attempt's `packer build`. */
  varFiles: readonly string[];
  /** AMI name of attempt 1; each attempt's is attemptAmiName({ amiName: job.amiName, runId }, N). */
  amiName: string;
}

export interface Plan {
  runId: string;
  runDir: string;
  jobs: PlannedJob[];
}

export function makePlan({
  jobs,
  runId,
  runDir,
  packerDir,
  templates,
  needsInit,
  mode,
  sourceImages = new Map(),
  varFiles = [],
}: {
  jobs: readonly Job[];
  runId: string;
  runDir: string;
  packerDir: string;
  /** Template file name (relative to packerDir) → its handlebars source. */
  templates: ReadonlyMap<string, string>;
  needsInit: boolean;
  mode: PlanMode;
  /** Job id → the pinned source AMI; a job without one uses its source filter. */
  sourceImages?: ReadonlyMap<string, { id: string; name: string }>;
  /** --var-file files, absolute. */
  varFiles?: readonly string[];
}): Plan {
  const planned = jobs.map((job): PlannedJob => {
    const dir = path.join(runDir, ...job.id.split("/"));
    const templateFile = path.join(dir, "template.pkr.hcl");
    const source = templates.get(job.template);
    if (source === undefined) throw new Error(`template ${job.template} was not loaded`);
    const amiName = attemptAmiName({ amiName: job.amiName, runId }, 1);
    const templateText = renderTemplate({
      name: `packer/${job.template} (job ${job.id})`,
      source,
      context: templateContext(
        { job, runId, packerDir, needsInit, mode },
        { amiName, sourceAmiId: sourceImages.get(job.id)?.id ?? "" },
      ),
    });
    return {
      id: job.id,
      region: job.region,
      job,
      runId,
      dir,
      templateFile,
      templateText,
      commands: packerCommands({ templateFile, needsInit, amiName: job.amiName, runId, varFiles }),
      varFiles,
      amiName,
    };
  });
  return { runId, runDir, jobs: planned };
}

// What a template may use: the job, its run, its AMI name and source, and the rehearsal's settings.
function templateContext(
  {
    job,
    runId,
    packerDir,
    needsInit,
    mode,
  }: { job: Job; runId: string; packerDir: string; needsInit: boolean; mode: PlanMode },
  { amiName, sourceAmiId }: { amiName: string; sourceAmiId: string },
) {
  return {
    sourceAmiId,
    job,
    runId,
    /** The variable each attempt's AMI name arrives in, and attempt 1's name as its default. */
    amiNameVariable: AMI_NAME_VARIABLE,
    amiName,
    description: `${job.image} image (${job.virtualization}), built by ${TOOL_NAME} run ${runId}`,
    tags: jobTags(job, runId),
    scripts: job.scripts.map((script) => path.join(packerDir, script)),
    environmentVars: Object.entries(job.variables).map(
      ([name, value]) => `${name.toUpperCase()}=${value}`,
    ),
    variables: job.variables,
    packer: { requiredPlugins: needsInit },
    local: mode.local,
    ec2Endpoint: mode.ec2Endpoint ?? "",
    skippedProvisioning: `echo 'local rehearsal: no SSH, so ${job.scripts.join(", ") || "no script"} did not run'`,
  };
}
