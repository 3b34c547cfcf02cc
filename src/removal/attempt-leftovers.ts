// What attempts of a run left in one region, found two ways: by the run's tags (instances carry them
// from launch) and by what Packer announced for each attempt (its key pair and security group, which
// it never tags, and its instance and AMI ids), plus each attempt's AMI name, which an AMI has before
// Packer tags it. A Spot attempt's launch template carries the run's tags (the template passes them as
// spot_tags), so it is found by them. Used after a failed attempt, and by `sweep --run` after a killed
// run.
import type { EC2Client } from "@aws-sdk/client-ec2";
import { type AmiInfo, toAmiInfo } from "../aws/ami-info.ts";
import {
  describeAllInstances,
  describeAllLaunchTemplates,
  describeAllSecurityGroups,
  describeKeyPairs,
  describeOwnImages,
  LIVE_INSTANCE_STATES,
} from "../aws/describe-all.ts";
import {
  type GroupInfo,
  type InstanceInfo,
  type KeyInfo,
  type LaunchTemplateInfo,
  toGroupInfo,
  toInstanceInfo,
  toKeyInfo,
  toLaunchTemplateInfo,
} from "../aws/resource-info.ts";
import { TAG } from "../model/tags.ts";
import { PACKER_TEMPORARY } from "./packer-temporary-name.ts";

/** One attempt as its run recorded it. */
export interface AttemptTrace {
  amiName: string;
  keyPair?: string;
  /** The group's name, as Packer announces it. */
  securityGroup?: string;
  instanceId?: string;
  amiId?: string;
  /** A Spot attempt: Packer made a launch template for it. */
  spot?: boolean;
}

export interface Leftovers {
  /** Not terminated. */
  instances: InstanceInfo[];
  /** Packer's temporary groups (`packer_*`): announced, or used by those instances. */
  groups: GroupInfo[];
  /** Packer's temporary key pairs: announced, or used by those instances. */
  keys: KeyInfo[];
  /** In any state, the account's own. */
  images: AmiInfo[];
  /** Spot attempts' launch templates, by the run's (and job's) tags. */
  launchTemplates: LaunchTemplateInfo[];
}

export async function findLeftovers({
  client,
  runId,
  jobId,
  traces,
}: {
  client: EC2Client;
  runId: string;
  /** Only this job's instances; all of the run's when absent. */
  jobId?: string;
  traces: readonly AttemptTrace[];
}): Promise<Leftovers> {
  const live = { Name: "instance-state-name", Values: [...LIVE_INSTANCE_STATES] };
  const instanceIds = present(traces.map((t) => t.instanceId));
  const [tagged, announced] = await Promise.all([
    describeAllInstances(client, [
      { Name: `tag:${TAG.run}`, Values: [runId] },
      ...(jobId ? [{ Name: `tag:${TAG.job}`, Values: [jobId] }] : []),
      live,
    ]),
    instanceIds.length > 0
      ? describeAllInstances(client, [{ Name: "instance-id", Values: instanceIds }, live])
      : [],
  ]);
  const instances = unique(present([...tagged, ...announced].map(toInstanceInfo)), (i) => i.id);

  const groupIds = instances.flatMap((i) => i.groups.map((g) => g.id));
  const groupNames = present(traces.map((t) => t.securityGroup));
  const keyNames = [
    ...present(traces.map((t) => t.keyPair)),
    ...present(instances.map((i) => i.keyName)),
  ].filter((name) => PACKER_TEMPORARY.test(name));
  const amiNames = traces.map((t) => t.amiName);
  const amiIds = present(traces.map((t) => t.amiId));
  // Only a Spot attempt makes a launch template: others need not (and may not) list them.
  const templates = traces.some((t) => t.spot)
    ? describeAllLaunchTemplates(client, [
        { Name: `tag:${TAG.run}`, Values: [runId] },
        ...(jobId ? [{ Name: `tag:${TAG.job}`, Values: [jobId] }] : []),
      ])
    : Promise.resolve([]);
  const [groupsById, groupsByName, keys, imagesByName, imagesById, launchTemplates] =
    await Promise.all([
      groupIds.length > 0
        ? describeAllSecurityGroups(client, [{ Name: "group-id", Values: unique(groupIds) }])
        : [],
      groupNames.length > 0
        ? describeAllSecurityGroups(client, [{ Name: "group-name", Values: unique(groupNames) }])
        : [],
      keyNames.length > 0
        ? describeKeyPairs(client, [{ Name: "key-name", Values: unique(keyNames) }])
        : [],
      amiNames.length > 0 ? describeOwnImages(client, [{ Name: "name", Values: amiNames }]) : [],
      amiIds.length > 0 ? describeOwnImages(client, [{ Name: "image-id", Values: amiIds }]) : [],
      templates,
    ]);
  return {
    instances,
    groups: unique(
      present([...groupsById, ...groupsByName].map(toGroupInfo)).filter((g) =>
        PACKER_TEMPORARY.test(g.name),
      ),
      (g) => g.id,
    ),
    keys: unique(present(keys.map(toKeyInfo)), (k) => k.name),
    images: unique([...imagesByName, ...imagesById].map(toAmiInfo), (i) => i.id),
    launchTemplates: present(launchTemplates.map(toLaunchTemplateInfo)),
  };
}

function present<T>(values: readonly (T | undefined)[]): T[] {
  return values.filter((v): v is T => v !== undefined);
}

function unique<T>(values: readonly T[], key: (value: T) => unknown = (v) => v): T[] {
  const seen = new Set<unknown>();
  return values.filter((value) => {
    const k = key(value);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
