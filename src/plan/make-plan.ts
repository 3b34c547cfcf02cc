// Pure: jobs + Packer version + mode → what each job renders and runs, what it waits for, and its
// fingerprint. The real run walks this plan.
import path from "node:path";
import { neededJobIds } from "../matrix/cell-dependencies.ts";
import { attemptAmiName } from "../model/attempt-name.ts";
import { isCopyJob as isCopy, type Job } from "../model/job.ts";
import { renderTemplate } from "../templates/template-engine.ts";
import { type FingerprintInputs, fingerprintOf } from "./fingerprint.ts";
import { fingerprintInputs, NEUTRAL } from "./fingerprint-inputs.ts";
import { type PackerCommands, packerCommands } from "./packer-command.ts";
import { NO_REQUIRED_FILES, type RequiredFiles } from "./read-required-files.ts";
import { skippedForMissingFiles } from "./required-files.ts";
import { templateContext } from "./template-context.ts";

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
  /**
   * `build`: Packer makes the AMI; `copy`: CopyImage copies the home region's AMI here; `skip`: a file
   * it requires is missing, or a cell it needs is skipped (`skipReason` says which).
   */
  action: "build" | "copy" | "skip";
  /** Why a skipped job is skipped: `missing packer/secrets/license`, `needs …, which is skipped`. */
  skipReason?: string;
  /** Jobs whose AMI this one needs first: the base it builds on, or the build it copies. */
  needs: string[];
  fingerprint: string;
  inputs: FingerprintInputs;
}

/** A source AMI as the plan needs it: its id, name and (once DescribeImages said) root device. */
export interface PinnedSource {
  id: string;
  name: string;
  rootDeviceName?: string;
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
  fileDigests = new Map(),
  requiredFiles = NO_REQUIRED_FILES,
  varFiles = [],
  packerVariables,
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
  sourceImages?: ReadonlyMap<string, PinnedSource>;
  /** Project-relative path → digest, for every script the jobs use (part of their fingerprints). */
  fileDigests?: ReadonlyMap<string, string>;
  /** The files `requiresFiles` names: which are missing, and their digests (never their content). */
  requiredFiles?: Pick<RequiredFiles, "digests" | "missing">;
  /** --var-file files, absolute. */
  varFiles?: readonly string[];
  /** Digest of the --var and --var-file values, for the fingerprints. */
  packerVariables?: string;
}): Plan {
  const byId = new Map(jobs.map((job) => [job.id, job]));
  const skipped = skippedForMissingFiles(jobs, requiredFiles.missing);
  const digests = new Map([...fileDigests, ...requiredFiles.digests]);
  // A layered image starts from its base's AMI, whose root device is its base's source's.
  const rootDeviceOf = (job: Job): string | undefined => {
    const pinned = sourceImages.get(job.id)?.rootDeviceName;
    if (pinned !== undefined || job.from === undefined) return pinned;
    const base = byId.get(job.from);
    return base ? rootDeviceOf(base) : undefined;
  };
  const fingerprints = new Map<string, { fingerprint: string; inputs: FingerprintInputs }>();
  // Builds first, each base before what builds on it; a copy takes its build's fingerprint.
  const fingerprintFor = (job: Job): { fingerprint: string; inputs: FingerprintInputs } => {
    const known = fingerprints.get(job.id);
    if (known) return known;
    const [needed] = neededJobIds(job);
    const neededJob = needed === undefined ? undefined : byId.get(needed);
    let result: { fingerprint: string; inputs: FingerprintInputs };
    if (isCopy(job) && neededJob) {
      result = fingerprintFor(neededJob);
    } else {
      const source = templates.get(job.template) ?? "";
      // Spot changes what a build costs, not what its AMI holds: it is left out of the fingerprint.
      const { spot: _spot, ...onDemand } = job;
      const neutral = renderTemplate({
        name: `packer/${job.template} (job ${job.id})`,
        source,
        context: templateContext(
          {
            job: onDemand,
            rootDeviceName: rootDeviceOf(job),
            runId: NEUTRAL.runId,
            packerDir: NEUTRAL.packerDir,
            needsInit: false,
            mode: { local: mode.local },
          },
          {
            amiName: NEUTRAL.amiName,
            sourceAmiId: sourceImages.has(job.id) ? NEUTRAL.sourceAmi : "",
          },
        ),
      });
      const inputs = fingerprintInputs({
        job,
        neutralTemplate: neutral,
        fileDigests: digests,
        pinnedSource: sourceImages.get(job.id)?.id,
        base: neededJob ? fingerprintFor(neededJob).fingerprint : undefined,
        packerVariables,
      });
      result = { fingerprint: fingerprintOf(inputs), inputs };
    }
    fingerprints.set(job.id, result);
    return result;
  };
  const planned = jobs.map((job): PlannedJob => {
    const dir = path.join(runDir, ...job.id.split("/"));
    const templateFile = path.join(dir, "template.pkr.hcl");
    const source = templates.get(job.template);
    if (source === undefined) throw new Error(`template ${job.template} was not loaded`);
    const amiName = attemptAmiName({ amiName: job.amiName, runId }, 1);
    const { fingerprint, inputs } = fingerprintFor(job);
    const skipReason = skipped.get(job.id);
    const templateText = renderTemplate({
      name: `packer/${job.template} (job ${job.id})`,
      source,
      context: templateContext(
        { job, rootDeviceName: rootDeviceOf(job), runId, packerDir, needsInit, mode },
        { amiName, sourceAmiId: sourceImages.get(job.id)?.id ?? "", fingerprint },
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
      commands: packerCommands({
        templateFile,
        needsInit,
        amiName: job.amiName,
        runId,
        from: job.from !== undefined && !isCopy(job) ? job.from : undefined,
        varFiles,
      }),
      varFiles,
      amiName,
      action: skipReason !== undefined ? "skip" : isCopy(job) ? "copy" : "build",
      ...(skipReason !== undefined ? { skipReason } : {}),
      needs: neededJobIds(job),
      fingerprint,
      inputs,
    };
  });
  return { runId, runDir, jobs: planned };
}
