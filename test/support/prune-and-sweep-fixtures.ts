// Leftovers made on purpose with the real SDK against ec2-local, as builds and crashed runs leave them.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CreateImageCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from "@aws-sdk/client-ec2";
import {
  type Ec2Local,
  NEWEST_AMAZON_IMAGE_NAMES,
  seededImageId,
} from "../../src/ec2-local/index.ts";
import { TAG, TOOL_NAME } from "../../src/model/tags.ts";

export const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: "AKIDPRUNESWEEPTEST",
  AWS_SECRET_ACCESS_KEY: "not-a-secret",
};

/** The environment the CLI runs with: fake credentials, fast polling, no interactive display. */
export const cliEnv = { ...process.env, ...CREDENTIALS, CI: "true", AWS_POLL_DELAY_SECONDS: "0" };

export function clientFor(ec2: Ec2Local, region: string): EC2Client {
  return new EC2Client({
    endpoint: ec2.url,
    region,
    credentials: {
      accessKeyId: CREDENTIALS.AWS_ACCESS_KEY_ID,
      secretAccessKey: CREDENTIALS.AWS_SECRET_ACCESS_KEY,
    },
    maxAttempts: 1,
  });
}

/** The tags a build of this cell puts on everything it makes. */
export function cellTags(jobId: string, runId = "20261101T000000Z-abcd"): Record<string, string> {
  const [image = "", region = "", virtualization = ""] = jobId.split("/");
  return {
    [TAG.tool]: TOOL_NAME,
    [TAG.run]: runId,
    [TAG.job]: jobId,
    [TAG.image]: image,
    [TAG.region]: region,
    [TAG.virtualization]: virtualization,
  };
}

function tagList(tags: Record<string, string>) {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

export async function launchInstance({
  client,
  region,
  tags = {},
  keyName,
  groupIds,
}: {
  client: EC2Client;
  region: string;
  tags?: Record<string, string>;
  keyName?: string;
  groupIds?: string[];
}): Promise<string> {
  const { Instances = [] } = await client.send(
    new RunInstancesCommand({
      ImageId: seededImageId(region, NEWEST_AMAZON_IMAGE_NAMES.hvm),
      InstanceType: "m5.large",
      MinCount: 1,
      MaxCount: 1,
      ...(keyName ? { KeyName: keyName } : {}),
      ...(groupIds ? { SecurityGroupIds: groupIds } : {}),
      ...(Object.keys(tags).length > 0
        ? { TagSpecifications: [{ ResourceType: "instance", Tags: tagList(tags) }] }
        : {}),
    }),
  );
  const id = Instances[0]?.InstanceId;
  if (!id) throw new Error("RunInstances returned no instance");
  return id;
}

export interface MadeAmi {
  id: string;
  snapshotIds: string[];
}

// A finished build: an AMI with its snapshots, tagged as Packer tags them at the very end.
export async function makeAmi({
  client,
  region,
  name,
  tags,
  tagSnapshots = true,
}: {
  client: EC2Client;
  region: string;
  name: string;
  /** None: an AMI as a killed build leaves it. */
  tags?: Record<string, string>;
  tagSnapshots?: boolean;
}): Promise<MadeAmi> {
  const instanceId = await launchInstance({ client, region });
  const { ImageId } = await client.send(
    new CreateImageCommand({ InstanceId: instanceId, Name: name }),
  );
  if (!ImageId) throw new Error("CreateImage returned no id");
  const { Images = [] } = await client.send(new DescribeImagesCommand({ ImageIds: [ImageId] }));
  const snapshotIds = (Images[0]?.BlockDeviceMappings ?? []).flatMap((m) =>
    m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : [],
  );
  if (tags) {
    const resources = tagSnapshots ? [ImageId, ...snapshotIds] : [ImageId];
    await client.send(new CreateTagsCommand({ Resources: resources, Tags: tagList(tags) }));
  }
  await client.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
  // CreationDate has millisecond precision: keep each AMI strictly newer than the last.
  await new Promise((resolve) => setTimeout(resolve, 5));
  return { id: ImageId, snapshotIds };
}

export async function makeSecurityGroup(client: EC2Client, name: string): Promise<string> {
  const { GroupId } = await client.send(
    new CreateSecurityGroupCommand({ GroupName: name, Description: "Temporary group for Packer" }),
  );
  if (!GroupId) throw new Error("CreateSecurityGroup returned no id");
  return GroupId;
}

export async function makeKeyPair(client: EC2Client, name: string): Promise<void> {
  await client.send(new CreateKeyPairCommand({ KeyName: name }));
}

/** `packer_<uuid>` as Packer 1.6.6 names its temporaries: the uuid starts with the unix time in hex. */
export function packerName(createdAt: Date = new Date()): string {
  const seconds = Math.floor(createdAt.getTime() / 1000)
    .toString(16)
    .padStart(8, "0");
  const random = Math.random().toString(16).slice(2, 14).padEnd(12, "0");
  return `packer_${seconds}-${random.slice(0, 4)}-${random.slice(4, 8)}-${random.slice(8, 12)}-0000${random.slice(0, 8)}`;
}

/** An AMI list folder holding the given cells. */
export async function amiListWith(cells: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "ami-matrix-ami-list-"));
  for (const [file, amiId] of Object.entries(cells)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), `${amiId}\n`);
  }
  return dir;
}
