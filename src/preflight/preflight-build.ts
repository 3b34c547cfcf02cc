// Before anything is spent, every check runs and every problem is reported at once: Packer, the
// project's files, where the run writes, AWS credentials and regions; then the source AMIs are pinned.
// A dry run without AWS access still shows the plan, with the filters instead of pinned AMIs.
import type { AwsCredentials } from "../aws/credentials.ts";
import type { Ec2Clients } from "../aws/ec2-clients.ts";
import { ProblemsError } from "../errors.ts";
import type { Job } from "../model/job.ts";
import type { PackerVersion } from "../packer/packer-version.ts";
import { resolveSourceAmis } from "../source-amis/resolve-source-amis.ts";
import { deprecationWarning, type SourceImage } from "../source-amis/source-image-choice.ts";
import { plural } from "../text/plural.ts";
import { checkAwsAccess } from "./aws-access.ts";
import { checkAccount } from "./check-account.ts";
import { checkOutputs, type OutputPlace } from "./check-outputs.ts";
import { checkPacker } from "./check-packer.ts";
import { checkProjectFiles } from "./check-project-files.ts";
import { checkScripts } from "./check-scripts.ts";

export interface PreflightResult {
  packer: { path: string; version: PackerVersion };
  /** What does not stop the run but a person should know (deprecated sources, unchecked settings). */
  warnings: string[];
  /** The credentials the chain resolved, for Packer; absent when a dry run could not ask AWS. */
  credentials?: AwsCredentials;
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
  rehearsal,
  env,
  cwd,
  now = Date.now,
}: {
  jobs: readonly Job[];
  clients: Ec2Clients;
  packerFlag: string | undefined;
  packerDir: string;
  /** Where the run will write; a dry run writes neither, so it passes none. */
  outputs: readonly OutputPlace[];
  matrixName: string;
  dryRun: boolean;
  /** A rehearsal: the provisioning scripts cannot run, so they get their static checks. */
  rehearsal: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now?: () => number;
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
  const scripts =
    files.length === 0
      ? await checkScripts({
          packerDir,
          scripts: [...new Set(jobs.flatMap((j) => j.scripts))],
          rehearsal,
        })
      : { problems: [], warnings: [] };
  const problems = [
    ...(packer.ok ? [] : [packer.error.message]),
    ...files,
    ...scripts.problems,
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
  if (aws.length > 0)
    return {
      packer: found,
      warnings: scripts.warnings,
      sourceImages: new Map(),
      awsNotChecked: aws,
    };
  // Resolved once (checkAwsAccess already walked the chain): Packer gets the same identity.
  const credentials = await clients.credentials(jobs[0]?.region ?? "us-east-1");
  // The account's settings are checked against the pinned sources: Allowed AMIs judges those images.
  const resolution = await resolveSourceAmis({ jobs, clients });
  const account = await checkAccount({ jobs, clients, sourceImages: resolution.images });
  const accountProblems = [...resolution.problems, ...account.problems];
  if (accountProblems.length > 0) {
    throw new ProblemsError({
      problems: accountProblems,
      headline: (count) =>
        `Preflight found ${count} with the source AMIs or the account; nothing was started`,
    });
  }
  return {
    packer: found,
    credentials,
    warnings: [
      ...scripts.warnings,
      ...deprecatedSources(resolution.images, now()),
      ...account.warnings,
    ],
    sourceImages: resolution.images,
    awsNotChecked: [],
  };
}

// One warning per deprecated (or soon deprecated) image name, saying in which regions jobs build on it.
function deprecatedSources(images: ReadonlyMap<string, SourceImage>, now: number): string[] {
  const byName = new Map<string, { image: SourceImage; regions: Set<string>; jobs: number }>();
  for (const [id, image] of images) {
    const entry = byName.get(image.name) ?? { image, regions: new Set<string>(), jobs: 0 };
    entry.regions.add(id.split("/")[1] ?? "");
    entry.jobs++;
    byName.set(image.name, entry);
  }
  return [...byName.values()].flatMap(({ image, regions, jobs }) => {
    const warning = deprecationWarning(image, now);
    return warning
      ? [`${warning} (${plural(jobs, "job")} in ${[...regions].sort().join(", ")})`]
      : [];
  });
}
