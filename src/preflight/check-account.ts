// What today's AWS accounts refuse, found before anything is paid for: an instance type the region does
// not offer, image block public access where the matrix makes AMIs public, Allowed AMIs refusing a source
// image, no default VPC where the matrix names no subnet. An endpoint that does not implement a check
// (some emulators) gets a warning naming it, not a failure.
import {
  DescribeAccountAttributesCommand,
  type EC2Client,
  GetAllowedImagesSettingsCommand,
  GetImageBlockPublicAccessStateCommand,
} from "@aws-sdk/client-ec2";
import pLimit from "p-limit";
import { describeAwsError, isAwsError, isNotImplemented } from "../aws/describe-aws-error.ts";
import type { Ec2Clients } from "../aws/ec2-clients.ts";
import { isCopyJob, type Job, needsSourceLookup } from "../model/job.ts";
import type { SourceImage } from "../source-amis/source-image-choice.ts";
import { notOffered, offeredTypes, spotTypesNotOffered } from "./instance-type-offerings.ts";

export interface Findings {
  problems: string[];
  warnings: string[];
}

const REGION_CONCURRENCY = 4;

export async function checkAccount({
  jobs,
  clients,
  sourceImages,
}: {
  jobs: readonly Job[];
  clients: Ec2Clients;
  /** Job id → its pinned source image, for the Allowed AMIs check. */
  sourceImages: ReadonlyMap<string, SourceImage>;
}): Promise<Findings> {
  const byRegion = new Map<string, Job[]>();
  for (const job of jobs) byRegion.set(job.region, [...(byRegion.get(job.region) ?? []), job]);
  const limit = pLimit(REGION_CONCURRENCY);
  const results = await Promise.all(
    [...byRegion].map(([region, regionJobs]) =>
      limit(() =>
        checkRegion({ region, jobs: regionJobs, client: clients.forRegion(region), sourceImages }),
      ),
    ),
  );
  return {
    problems: results.flatMap((r) => r.problems),
    warnings: results.flatMap((r) => r.warnings),
  };
}

async function checkRegion({
  region,
  jobs,
  client,
  sourceImages,
}: {
  region: string;
  jobs: Job[];
  client: EC2Client;
  sourceImages: ReadonlyMap<string, SourceImage>;
}): Promise<Findings> {
  const findings: Findings = { problems: [], warnings: [] };
  const ask = async <T>(action: string, call: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await call();
    } catch (error) {
      if (!isAwsError(error)) throw error;
      if (isNotImplemented(error))
        findings.warnings.push(
          `${region}: the endpoint does not implement ${action}; ${WHAT[action]} not checked`,
        );
      else findings.problems.push(describeAwsError(error, { action, region }));
      return undefined;
    }
  };
  const publicJobs = jobs.filter((job) => job.amiGroups.includes("all"));
  // A copy launches no instance: only the cells Packer builds need a type, a VPC.
  const launching = jobs.filter((job) => !isCopyJob(job));
  const noSubnet = launching.filter((job) => job.subnetId === undefined);
  const [offered, blockState, allowed, defaultVpc] = await Promise.all([
    launching.length === 0
      ? undefined
      : ask("DescribeInstanceTypeOfferings", () => offeredTypes(client, launching)),
    publicJobs.length === 0
      ? undefined
      : ask(
          "GetImageBlockPublicAccessState",
          async () =>
            (await client.send(new GetImageBlockPublicAccessStateCommand({})))
              .ImageBlockPublicAccessState,
        ),
    ask(
      "GetAllowedImagesSettings",
      async () => (await client.send(new GetAllowedImagesSettingsCommand({}))).State,
    ),
    noSubnet.length === 0
      ? undefined
      : ask("DescribeAccountAttributes", async () => {
          const answer = await client.send(
            new DescribeAccountAttributesCommand({ AttributeNames: ["default-vpc"] }),
          );
          return answer.AccountAttributes?.[0]?.AttributeValues?.[0]?.AttributeValue;
        }),
  ]);
  if (offered) {
    findings.problems.push(...notOffered({ region, jobs: launching, offered }));
    findings.warnings.push(...spotTypesNotOffered({ region, jobs: launching, offered }));
  }
  if (blockState === "block-new-sharing") findings.problems.push(publicBlocked(region, publicJobs));
  if (allowed === "enabled" || allowed === "audit-mode")
    findings[allowed === "enabled" ? "problems" : "warnings"].push(
      ...refusedSources({ region, jobs, sourceImages, audit: allowed === "audit-mode" }),
    );
  if (
    allowed === "enabled" &&
    jobs.some((job) => needsSourceLookup(job) && !sourceImages.has(job.id))
  )
    findings.problems.push(
      `${region}: Allowed AMIs is enabled and hides every image outside its criteria, which may be why a source filter matched nothing there; check the account's allowed image criteria (\`aws ec2 get-allowed-images-settings --region ${region}\`)`,
    );
  if (defaultVpc === "none") findings.problems.push(noDefaultVpc(region, noSubnet));
  return findings;
}

const WHAT: Record<string, string> = {
  DescribeInstanceTypeOfferings: "whether the region offers the instance types is",
  GetImageBlockPublicAccessState: "image block public access is",
  GetAllowedImagesSettings: "Allowed AMIs is",
  DescribeAccountAttributes: "the default VPC is",
};

function publicBlocked(region: string, jobs: readonly Job[]): string {
  return `${region}: image block public access is on, so the AMIs of ${jobs.map((j) => j.id).join(", ")} cannot be made public (amiGroups ["all"]); turn it off with \`aws ec2 disable-image-block-public-access --region ${region}\`, or share them with accounts instead (amiUsers) and remove "all" from amiGroups`;
}

function refusedSources({
  region,
  jobs,
  sourceImages,
  audit,
}: {
  region: string;
  jobs: readonly Job[];
  sourceImages: ReadonlyMap<string, SourceImage>;
  audit: boolean;
}): string[] {
  const refused = new Map<string, string[]>();
  for (const job of jobs) {
    const image = sourceImages.get(job.id);
    if (image?.imageAllowed === false)
      refused.set(`${image.name} (${image.id})`, [
        ...(refused.get(`${image.name} (${image.id})`) ?? []),
        job.id,
      ]);
  }
  return [...refused].map(
    ([image, ids]) =>
      `${region}: Allowed AMIs ${audit ? "(audit mode) would refuse" : "refuses"} the source image ${image} of ${ids.join(", ")}; ${audit ? "builds still run while it only audits" : "add its provider to the account's allowed image criteria, or choose a source image they allow"}`,
  );
}

function noDefaultVpc(region: string, jobs: readonly Job[]): string {
  return `${region}: the account has no default VPC there and the matrix sets no subnetId for ${jobs.map((j) => j.id).join(", ")}; create one with \`aws ec2 create-default-vpc --region ${region}\`, or set "subnetId" for region.${region} in the matrix`;
}
