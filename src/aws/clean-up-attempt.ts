// Packer does not always clean up: cancelled while waiting for its instance, Packer 1.6.6 leaves the
// instance running (and so cannot delete its security group); cancelled during the AMI wait, it
// leaves the pending AMI. After every attempt that did not succeed, this finds what the attempt made
// (by this run's tags and the attempt's AMI name) and removes it.
import {
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
  type Instance,
  paginateDescribeInstances,
  TerminateInstancesCommand,
} from "@aws-sdk/client-ec2";
import { TAG } from "../plan/tags.ts";
import { waitForInstancesTerminated } from "./wait-terminated.ts";

const LIVE_STATES = ["pending", "running", "stopping", "stopped", "shutting-down"];
const PACKER_TEMPORARY = /^packer_/;

export interface CleanupReport {
  /** Human-readable lines: what was found and removed. */
  removed: string[];
  /** What could not be removed: these may still cost money. */
  failures: string[];
}

export async function cleanUpAttempt({
  client,
  runId,
  jobId,
  amiName,
  pollDelayMs,
}: {
  client: EC2Client;
  runId: string;
  jobId: string;
  amiName: string;
  pollDelayMs: number;
}): Promise<CleanupReport> {
  const report: CleanupReport = { removed: [], failures: [] };
  const attempt = async (what: string, action: () => Promise<unknown>) => {
    try {
      await action();
      report.removed.push(what);
    } catch (error) {
      report.failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const instances = await findLiveInstances({ client, runId, jobId });
  const ids = instances.flatMap((i) => (i.InstanceId ? [i.InstanceId] : []));
  if (ids.length > 0) {
    await attempt(`terminated instance ${ids.join(", ")}`, async () => {
      await client.send(new TerminateInstancesCommand({ InstanceIds: ids }));
      await waitForInstancesTerminated({ client, ids, pollDelayMs });
    });
    const groupIds = [
      ...new Set(
        instances.flatMap((i) =>
          (i.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
        ),
      ),
    ];
    for (const group of await temporaryGroups(client, groupIds)) {
      await attempt(`deleted security group ${group}`, () =>
        client.send(new DeleteSecurityGroupCommand({ GroupId: group })),
      );
    }
    const keys = [
      ...new Set(
        instances.flatMap((i) =>
          i.KeyName && PACKER_TEMPORARY.test(i.KeyName) ? [i.KeyName] : [],
        ),
      ),
    ];
    for (const key of keys) {
      await attempt(`deleted key pair ${key}`, () =>
        client.send(new DeleteKeyPairCommand({ KeyName: key })),
      );
    }
  }

  const images = await client.send(
    new DescribeImagesCommand({ Owners: ["self"], Filters: [{ Name: "name", Values: [amiName] }] }),
  );
  for (const image of images.Images ?? []) {
    if (!image.ImageId) continue;
    const snapshots = (image.BlockDeviceMappings ?? []).flatMap((m) =>
      m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : [],
    );
    await attempt(`deregistered unfinished AMI ${image.ImageId} (${image.State})`, () =>
      client.send(new DeregisterImageCommand({ ImageId: image.ImageId })),
    );
    for (const snapshot of snapshots) {
      await attempt(`deleted snapshot ${snapshot}`, () =>
        client.send(new DeleteSnapshotCommand({ SnapshotId: snapshot })),
      );
    }
  }
  return report;
}

async function findLiveInstances({
  client,
  runId,
  jobId,
}: {
  client: EC2Client;
  runId: string;
  jobId: string;
}): Promise<Instance[]> {
  const found: Instance[] = [];
  const pages = paginateDescribeInstances(
    { client },
    {
      Filters: [
        { Name: `tag:${TAG.run}`, Values: [runId] },
        { Name: `tag:${TAG.job}`, Values: [jobId] },
        { Name: "instance-state-name", Values: LIVE_STATES },
      ],
    },
  );
  for await (const page of pages) {
    for (const reservation of page.Reservations ?? []) found.push(...(reservation.Instances ?? []));
  }
  return found;
}

async function temporaryGroups(client: EC2Client, groupIds: string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  const groups = await client.send(new DescribeSecurityGroupsCommand({ GroupIds: groupIds }));
  return (groups.SecurityGroups ?? []).flatMap((g) =>
    g.GroupId && PACKER_TEMPORARY.test(g.GroupName ?? "") ? [g.GroupId] : [],
  );
}
