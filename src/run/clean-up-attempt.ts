// Packer does not always clean up: cancelled while waiting for its instance, Packer 1.6.6 leaves the
// instance running (and so cannot delete its security group); cancelled during the AMI wait, it
// leaves the pending AMI. After every attempt that did not succeed, this finds what the attempt made
// (by this run's tags and the attempt's AMI name) and removes it.
import {
  DescribeImagesCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { toAmiInfo } from "../aws/ami-info.ts";
import { describeAllInstances, LIVE_INSTANCE_STATES } from "../aws/describe-all.ts";
import { TAG } from "../model/tags.ts";
import { createActionLog, describeDone } from "../removal/action-log.ts";
import { PACKER_TEMPORARY } from "../removal/packer-temporary-name.ts";
import { removeImage } from "../removal/remove-image.ts";
import { deleteTemporaries, terminateInstances } from "../removal/remove-instances.ts";

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
  const log = createActionLog();
  const instances = await describeAllInstances(client, [
    { Name: `tag:${TAG.run}`, Values: [runId] },
    { Name: `tag:${TAG.job}`, Values: [jobId] },
    { Name: "instance-state-name", Values: [...LIVE_INSTANCE_STATES] },
  ]);
  const ids = instances.flatMap((i) => (i.InstanceId ? [i.InstanceId] : []));
  if (ids.length > 0) {
    await terminateInstances({ client, ids, pollDelayMs, log });
    const groupIds = [
      ...new Set(
        instances.flatMap((i) =>
          (i.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
        ),
      ),
    ];
    const keys = [
      ...new Set(
        instances.flatMap((i) =>
          i.KeyName && PACKER_TEMPORARY.test(i.KeyName) ? [i.KeyName] : [],
        ),
      ),
    ];
    const groups = (await temporaryGroups(client, groupIds)).map((id) => ({ id }));
    await deleteTemporaries({ client, groups, keys, log });
  }

  const images = await client.send(
    new DescribeImagesCommand({ Owners: ["self"], Filters: [{ Name: "name", Values: [amiName] }] }),
  );
  for (const image of (images.Images ?? []).map(toAmiInfo)) {
    await removeImage({ client, image, log, kind: "unfinished AMI", note: image.state });
  }
  return {
    removed: log.outcomes.filter((o) => o.error === undefined).map(describeDone),
    failures: log.outcomes
      .filter((o) => o.error !== undefined)
      .map((o) => `${describeDone(o)}: ${o.error}`),
  };
}

async function temporaryGroups(client: EC2Client, groupIds: string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  const groups = await client.send(new DescribeSecurityGroupsCommand({ GroupIds: groupIds }));
  return (groups.SecurityGroups ?? []).flatMap((g) =>
    g.GroupId && PACKER_TEMPORARY.test(g.GroupName ?? "") ? [g.GroupId] : [],
  );
}
