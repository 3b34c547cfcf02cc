// Before anything is spent, every check runs and every problem is reported at once: Packer, the
// project's files, where the run writes, AWS credentials and regions; then the source AMIs are pinned.
// A dry run without AWS access still shows the plan, with the filters instead of pinned AMIs.
// The checks run side by side and say what they do as they go; the AWS SDK loads only for them.
// Over 200 lines: it only orders and joins the checks, each of which lives in a file of its own.
import type { AwsCredentials } from "../aws/credentials.ts";
import type { Ec2Clients } from "../aws/ec2-clients.ts";
import { ProblemsError } from "../errors.ts";
import type { Job } from "../model/job.ts";
import type { PackerVersion } from "../packer/packer-version.ts";
import { deprecationWarning, type SourceImage } from "../source-amis/source-image-choice.ts";
import { plural } from "../text/plural.ts";
import type { Findings } from "./check-account.ts";
import { checkOutputs, type OutputPlace } from "./check-outputs.ts";
import type { PackerCheck } from "./check-packer.ts";
import { checkProjectFiles } from "./check-project-files.ts";
import { checkRootVolumes } from "./check-root-volumes.ts";
import { checkScripts } from "./check-scripts.ts";
import { checkUserData } from "./check-user-data.ts";

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

/** Where planning says what it is doing: a step starts, then ends with a line of what it found. */
export interface PlanningSteps {
  start(step: string, title: string): void;
  done(step: string, text: string): void;
  failed(step: string, text: string): void;
}

export async function preflightBuild({
  jobs,
  packer,
  clients,
  endpoint,
  packerDir,
  outputs,
  matrixName,
  dryRun,
  rehearsal,
  steps,
  now = Date.now,
}: {
  jobs: readonly Job[];
  /** Already under way: the templates are validated as soon as it is known. */
  packer: Promise<PackerCheck>;
  /** SDK clients for AWS or the rehearsal's endpoint, made once the SDK has loaded. */
  clients: () => Promise<Ec2Clients>;
  /** The rehearsal's endpoint, for the messages. */
  endpoint?: string;
  packerDir: string;
  /** Where the run will write; a dry run writes neither, so it passes none. */
  outputs: readonly OutputPlace[];
  matrixName: string;
  dryRun: boolean;
  /** A rehearsal: the provisioning scripts cannot run, so they get their static checks. */
  rehearsal: boolean;
  steps: PlanningSteps;
  now?: () => number;
}): Promise<PreflightResult> {
  const regions = [...new Set(jobs.map((j) => j.region))];
  const userDataFiles = [...new Set(jobs.flatMap((j) => (j.userDataFile ? [j.userDataFile] : [])))];
  const [packerCheck, files, places, aws] = await Promise.all([
    packer,
    checkProjectFiles({
      packerDir,
      templates: jobs.map((j) => j.template),
      scripts: jobs.flatMap((j) => j.scripts),
      userDataFiles,
      matrixName,
    }),
    checkOutputs(outputs),
    askAws({ jobs, regions, clients, endpoint, steps }),
  ]);
  const scripts =
    files.length === 0
      ? await checkScripts({
          packerDir,
          scripts: [...new Set(jobs.flatMap((j) => j.scripts))],
          rehearsal,
        })
      : { problems: [], warnings: [] };
  const userData =
    files.length === 0 ? await checkUserData({ packerDir, files: userDataFiles }) : [];
  const problems = [
    ...(packerCheck.ok ? [] : [packerCheck.error.message]),
    ...files,
    ...scripts.problems,
    ...userData,
    ...places,
    ...(dryRun ? [] : aws.access),
  ];
  // Packer's own message already says how to install it; alone, it needs no list around it.
  if (!packerCheck.ok && problems.length === 1) throw packerCheck.error;
  if (problems.length > 0 || !packerCheck.ok) {
    throw new ProblemsError({
      problems: dryRun ? [...problems, ...aws.access] : problems,
      headline: (count) => `Preflight found ${count}; nothing was started`,
    });
  }
  const found = { path: packerCheck.path, version: packerCheck.version };
  if (aws.access.length > 0) {
    return {
      packer: found,
      warnings: scripts.warnings,
      sourceImages: new Map(),
      awsNotChecked: aws.access,
    };
  }
  const accountProblems = [
    ...aws.sources.problems,
    ...checkRootVolumes({ jobs, sourceImages: aws.sources.images }),
    ...aws.account.problems,
  ];
  if (accountProblems.length > 0) {
    throw new ProblemsError({
      problems: accountProblems,
      headline: (count) =>
        `Preflight found ${count} with the source AMIs or the account; nothing was started`,
    });
  }
  return {
    packer: found,
    ...(aws.credentials ? { credentials: aws.credentials } : {}),
    warnings: [
      ...scripts.warnings,
      ...deprecatedSources(aws.sources.images, now()),
      ...aws.account.warnings,
    ],
    sourceImages: aws.sources.images,
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

// Credentials and regions, then (when they answer) the newest source AMI per region and filter.
async function askAws({
  jobs,
  regions,
  clients,
  endpoint,
  steps,
}: {
  jobs: readonly Job[];
  regions: readonly string[];
  clients: () => Promise<Ec2Clients>;
  endpoint: string | undefined;
  steps: PlanningSteps;
}): Promise<{
  access: string[];
  sources: { images: Map<string, SourceImage>; problems: string[] };
  account: Findings;
  credentials?: AwsCredentials;
}> {
  const where = endpoint
    ? `${plural(regions.length, "region")} of ${endpoint}`
    : plural(regions.length, "region");
  const [{ checkAwsAccess }, { resolveSourceAmis }, { checkAccount }, ec2] = await Promise.all([
    import("./aws-access.ts"),
    import("../source-amis/resolve-source-amis.ts"),
    import("./check-account.ts"),
    clients(),
  ]);
  steps.start("aws", `Checking AWS credentials and ${where}`);
  const access = await checkAwsAccess({ clients: ec2, regions });
  const none = { images: new Map<string, SourceImage>(), problems: [] };
  if (access.length > 0) {
    steps.failed("aws", `AWS: ${plural(access.length, "problem")} (${where})`);
    return { access, sources: none, account: { problems: [], warnings: [] } };
  }
  // Resolved once (checkAwsAccess already walked the chain): Packer gets the same identity.
  const credentials = await ec2.credentials(regions[0] ?? "us-east-1");
  steps.done("aws", `AWS: credentials load and ${where} answer`);
  steps.start("sources", `Looking up source AMIs in ${plural(regions.length, "region")}`);
  const sources = await resolveSourceAmis({ jobs, clients: ec2 });
  if (sources.problems.length > 0) {
    steps.failed(
      "sources",
      `Source AMIs: ${plural(sources.problems.length, "lookup")} found nothing`,
    );
  } else {
    const pinned = new Set([...sources.images.values()].map((image) => image.id)).size;
    steps.done(
      "sources",
      `Source AMIs: ${plural(pinned, "image")} pinned for ${plural(jobs.length, "job")} in ${plural(regions.length, "region")}`,
    );
  }
  // The account's settings are checked against the pinned sources: Allowed AMIs judges those images.
  steps.start("account", `Checking the account's settings in ${plural(regions.length, "region")}`);
  const account = await checkAccount({ jobs, clients: ec2, sourceImages: sources.images });
  if (account.problems.length > 0)
    steps.failed("account", `Account: ${plural(account.problems.length, "problem")}`);
  else steps.done("account", "Account: instance types offered, AMIs may be shared as asked");
  return { access, sources, account, credentials };
}
