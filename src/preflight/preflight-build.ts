// Before anything is spent, every check runs and every problem is reported at once: Packer, the
// project's files, where the run writes, AWS credentials and regions; then the source AMIs are pinned.
// A dry run without AWS access still shows the plan, with the filters instead of pinned AMIs.
import type { Ec2Clients } from "../aws/ec2-clients.ts";
import { ProblemsError } from "../errors.ts";
import type { Job } from "../model/job.ts";
import type { PackerVersion } from "../packer/packer-version.ts";
import { resolveSourceAmis } from "../source-amis/resolve-source-amis.ts";
import type { SourceImage } from "../source-amis/source-image-choice.ts";
import { checkAwsAccess } from "./aws-access.ts";
import { checkOutputs, type OutputPlace } from "./check-outputs.ts";
import { checkPacker } from "./check-packer.ts";
import { checkProjectFiles } from "./check-project-files.ts";

export interface PreflightResult {
  packer: { path: string; version: PackerVersion };
  /** Job id → the source AMI it builds from (empty when AWS could not be asked, in a dry run). */
  sourceImages: Map<string, SourceImage>;
  /** Why a dry run could not ask AWS (source AMIs then show as filters). */
  awsNotChecked: string[];
}

export async function preflightBuild({
  jobs,
  clients,
  packerFlag,
  packerDir,
  outputs,
  matrixName,
  dryRun,
  env,
  cwd,
}: {
  jobs: readonly Job[];
  clients: Ec2Clients;
  packerFlag: string | undefined;
  packerDir: string;
  /** Where the run will write; a dry run writes neither, so it passes none. */
  outputs: readonly OutputPlace[];
  matrixName: string;
  dryRun: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}): Promise<PreflightResult> {
  const [packer, files, places, aws] = await Promise.all([
    checkPacker({ flag: packerFlag, env, cwd }),
    checkProjectFiles({
      packerDir,
      templates: jobs.map((j) => j.template),
      scripts: jobs.flatMap((j) => j.scripts),
      matrixName,
    }),
    checkOutputs(outputs),
    checkAwsAccess({ clients, regions: [...new Set(jobs.map((j) => j.region))] }),
  ]);
  const problems = [
    ...(packer.ok ? [] : [packer.error.message]),
    ...files,
    ...places,
    ...(dryRun ? [] : aws),
  ];
  // Packer's own message already says how to install it; alone, it needs no list around it.
  if (!packer.ok && problems.length === 1) throw packer.error;
  if (problems.length > 0 || !packer.ok) {
    throw new ProblemsError({
      problems: dryRun ? [...problems, ...aws] : problems,
      headline: (count) => `Preflight found ${count}; nothing was started`,
    });
  }
  const found = { path: packer.path, version: packer.version };
  if (aws.length > 0) return { packer: found, sourceImages: new Map(), awsNotChecked: aws };
  const resolution = await resolveSourceAmis({ jobs, clients });
  if (resolution.problems.length > 0) {
    throw new ProblemsError({
      problems: resolution.problems,
      headline: (count) => `Source AMIs could not be resolved (${count}); nothing was started`,
    });
  }
  return { packer: found, sourceImages: resolution.images, awsNotChecked: [] };
}
