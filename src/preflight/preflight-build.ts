// Before anything is spent, every check runs and every problem is reported at once: Packer, the
// project's files, where the run writes, AWS credentials and regions; then the source AMIs are pinned.
// A dry run without AWS access still shows the plan, with the filters instead of pinned AMIs.
// The checks run side by side and say what they do as they go; the AWS SDK loads only for them.
import type { Ec2Clients } from "../aws/ec2-clients.ts";
import { ProblemsError } from "../errors.ts";
import type { Job } from "../model/job.ts";
import type { PackerVersion } from "../packer/packer-version.ts";
import type { SourceImage } from "../source-amis/source-image-choice.ts";
import { plural } from "../text/plural.ts";
import { checkOutputs, type OutputPlace } from "./check-outputs.ts";
import type { PackerCheck } from "./check-packer.ts";
import { checkProjectFiles } from "./check-project-files.ts";

export interface PreflightResult {
  packer: { path: string; version: PackerVersion };
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
  steps,
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
  steps: PlanningSteps;
}): Promise<PreflightResult> {
  const regions = [...new Set(jobs.map((j) => j.region))];
  const [packerCheck, files, places, aws] = await Promise.all([
    packer,
    checkProjectFiles({
      packerDir,
      templates: jobs.map((j) => j.template),
      scripts: jobs.flatMap((j) => j.scripts),
      matrixName,
    }),
    checkOutputs(outputs),
    askAws({ jobs, regions, clients, endpoint, steps }),
  ]);
  const problems = [
    ...(packerCheck.ok ? [] : [packerCheck.error.message]),
    ...files,
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
  if (aws.access.length > 0)
    return { packer: found, sourceImages: new Map(), awsNotChecked: aws.access };
  if (aws.sources.problems.length > 0) {
    throw new ProblemsError({
      problems: aws.sources.problems,
      headline: (count) => `Source AMIs could not be resolved (${count}); nothing was started`,
    });
  }
  return { packer: found, sourceImages: aws.sources.images, awsNotChecked: [] };
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
}> {
  const where = endpoint
    ? `${plural(regions.length, "region")} of ${endpoint}`
    : plural(regions.length, "region");
  const [{ checkAwsAccess }, { resolveSourceAmis }, ec2] = await Promise.all([
    import("./aws-access.ts"),
    import("../source-amis/resolve-source-amis.ts"),
    clients(),
  ]);
  steps.start("aws", `Checking AWS credentials and ${where}`);
  const access = await checkAwsAccess({ clients: ec2, regions });
  const none = { images: new Map<string, SourceImage>(), problems: [] };
  if (access.length > 0) {
    steps.failed("aws", `AWS: ${plural(access.length, "problem")} (${where})`);
    return { access, sources: none };
  }
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
  return { access, sources };
}
