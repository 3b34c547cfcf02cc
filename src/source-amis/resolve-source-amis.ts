// The newest image matching each job's source filter, per region, looked up once per distinct
// (region, filter), so every job builds from a known, recorded AMI rather than whatever Packer finds.
import { type EC2Client, type Image, paginateDescribeImages } from "@aws-sdk/client-ec2";
import pLimit from "p-limit";
import { describeAwsError, isAwsError } from "../aws/describe-aws-error.ts";
import type { Ec2Clients } from "../aws/ec2-clients.ts";
import { type Job, needsSourceLookup, type SourceAmiFilter } from "../model/job.ts";
import { describeFilter, pickNewest, type SourceImage } from "./source-image-choice.ts";

const LOOKUP_CONCURRENCY = 4;

export interface SourceResolution {
  /** Job id → the image it builds from. */
  images: Map<string, SourceImage>;
  /** One line per (region, filter) with no match. */
  problems: string[];
}

export async function resolveSourceAmis({
  jobs,
  clients,
}: {
  jobs: readonly Job[];
  clients: Ec2Clients;
}): Promise<SourceResolution> {
  const groups = new Map<string, Job[]>();
  for (const job of jobs.filter(needsSourceLookup)) {
    const key = `${job.region}\n${JSON.stringify(job.sourceAmi)}`;
    groups.set(key, [...(groups.get(key) ?? []), job]);
  }
  const limit = pLimit(LOOKUP_CONCURRENCY);
  const images = new Map<string, SourceImage>();
  const problems: string[] = [];
  await Promise.all(
    [...groups.values()].map((group) =>
      limit(async () => {
        const first = group[0] as Job;
        let found: SourceImage[];
        try {
          found = await findImages(clients.forRegion(first.region), first.sourceAmi);
        } catch (error) {
          // EC2 could not be asked (throttling beyond the SDK's retries, network, permissions): a
          // problem to report with the others, not a crash.
          if (!isAwsError(error)) throw error;
          problems.push(
            describeAwsError(error, { action: "DescribeImages", region: first.region }),
          );
          return;
        }
        const newest = pickNewest(found);
        if (!newest) {
          problems.push(
            `no source AMI in ${first.region} for ${first.virtualization} (jobs ${group.map((j) => j.id).join(", ")}) matches ${describeFilter(first.sourceAmi)}; check sourceAmi in the matrix${noMatchHint(first.sourceAmi)}`,
          );
          return;
        }
        for (const job of group) images.set(job.id, newest);
      }),
    ),
  );
  return { images, problems: problems.sort() };
}

// The usual reasons a filter that matched yesterday matches nothing today.
function noMatchHint(filter: SourceAmiFilter): string {
  if (filter.virtualizationType === "paravirtual" && !filter.includeDeprecated)
    return ' (the last PV Amazon Linux images are deprecated, and EC2 lists deprecated images only when asked: set "includeDeprecated": true in sourceAmi)';
  return filter.virtualizationType === "paravirtual"
    ? " (modern Amazon Linux has no PV images)"
    : "";
}

function rootVolumeSize(image: Image): { rootVolumeSizeGb?: number } {
  const root = image.BlockDeviceMappings?.find((m) => m.DeviceName === image.RootDeviceName);
  const size = root?.Ebs?.VolumeSize;
  return size === undefined ? {} : { rootVolumeSizeGb: size };
}

async function findImages(client: EC2Client, filter: SourceAmiFilter): Promise<SourceImage[]> {
  const found: SourceImage[] = [];
  const pages = paginateDescribeImages(
    { client },
    {
      Owners: filter.owners,
      ...(filter.includeDeprecated ? { IncludeDeprecated: true } : {}),
      Filters: [
        { Name: "name", Values: [filter.name] },
        { Name: "architecture", Values: [filter.architecture] },
        { Name: "virtualization-type", Values: [filter.virtualizationType] },
        { Name: "root-device-type", Values: [filter.rootDeviceType] },
        { Name: "state", Values: ["available"] },
      ],
    },
  );
  for await (const page of pages) {
    for (const image of page.Images ?? []) {
      if (image.ImageId)
        found.push({
          id: image.ImageId,
          name: image.Name ?? "",
          creationDate: image.CreationDate ?? "",
          ...(image.DeprecationTime ? { deprecationTime: image.DeprecationTime } : {}),
          ...(image.RootDeviceName ? { rootDeviceName: image.RootDeviceName } : {}),
          ...rootVolumeSize(image),
          ...(image.ImageAllowed === undefined ? {} : { imageAllowed: image.ImageAllowed }),
        });
    }
  }
  return found;
}
