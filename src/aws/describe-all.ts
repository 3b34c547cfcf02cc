// Describe calls answer in pages; every caller here wants all of them.
import {
  DescribeKeyPairsCommand,
  type EC2Client,
  type Filter,
  type Image,
  type Instance,
  type KeyPairInfo,
  type LaunchTemplate,
  paginateDescribeImages,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplates,
  paginateDescribeSecurityGroups,
  paginateDescribeSnapshots,
  type SecurityGroup,
  type Snapshot,
} from "@aws-sdk/client-ec2";

/** Every instance state except `terminated`: all of them still hold their group and key pair. */
export const LIVE_INSTANCE_STATES = [
  "pending",
  "running",
  "stopping",
  "stopped",
  "shutting-down",
] as const;

export async function describeAllInstances(
  client: EC2Client,
  filters: Filter[],
): Promise<Instance[]> {
  const found: Instance[] = [];
  for await (const page of paginateDescribeInstances({ client }, { Filters: filters })) {
    for (const reservation of page.Reservations ?? []) found.push(...(reservation.Instances ?? []));
  }
  return found;
}

export async function describeOwnImages(client: EC2Client, filters: Filter[]): Promise<Image[]> {
  const found: Image[] = [];
  const pages = paginateDescribeImages({ client }, { Owners: ["self"], Filters: filters });
  for await (const page of pages) found.push(...(page.Images ?? []));
  return found;
}

export async function describeOwnSnapshots(
  client: EC2Client,
  filters: Filter[],
): Promise<Snapshot[]> {
  const found: Snapshot[] = [];
  const pages = paginateDescribeSnapshots({ client }, { OwnerIds: ["self"], Filters: filters });
  for await (const page of pages) found.push(...(page.Snapshots ?? []));
  return found;
}

export async function describeAllSecurityGroups(
  client: EC2Client,
  filters: Filter[],
): Promise<SecurityGroup[]> {
  const found: SecurityGroup[] = [];
  for await (const page of paginateDescribeSecurityGroups({ client }, { Filters: filters })) {
    found.push(...(page.SecurityGroups ?? []));
  }
  return found;
}

export async function describeAllLaunchTemplates(
  client: EC2Client,
  filters: Filter[],
): Promise<LaunchTemplate[]> {
  const found: LaunchTemplate[] = [];
  for await (const page of paginateDescribeLaunchTemplates({ client }, { Filters: filters })) {
    found.push(...(page.LaunchTemplates ?? []));
  }
  return found;
}

// DescribeKeyPairs has no pages; a filter (unlike KeyNames) answers an absent name with nothing.
export async function describeKeyPairs(
  client: EC2Client,
  filters: Filter[],
): Promise<KeyPairInfo[]> {
  const result = await client.send(new DescribeKeyPairsCommand({ Filters: filters }));
  return result.KeyPairs ?? [];
}
