// What sweep reads in one region: live instances, the account's own AMIs that are pending, failed or
// available, the security groups and key pairs named like Packer's temporaries, and (where the
// matrix builds on Spot) the launch templates ami-matrix tagged.
import type { EC2Client } from "@aws-sdk/client-ec2";
import { toAmiInfo } from "../aws/ami-info.ts";
import {
  describeAllInstances,
  describeAllLaunchTemplates,
  describeAllSecurityGroups,
  describeKeyPairs,
  describeOwnImages,
  LIVE_INSTANCE_STATES,
} from "../aws/describe-all.ts";
import {
  toGroupInfo,
  toInstanceInfo,
  toKeyInfo,
  toLaunchTemplateInfo,
} from "../aws/resource-info.ts";
import { TAG, TOOL_NAME } from "../model/tags.ts";
import type { SweepInventory } from "./sweep-plan.ts";

const PACKER_NAMES = ["packer_*"];

export async function readSweepInventory(
  client: EC2Client,
  { spot }: { spot: boolean } = { spot: false },
): Promise<SweepInventory> {
  const [instances, images, groups, keys, templates] = await Promise.all([
    describeAllInstances(client, [
      { Name: "instance-state-name", Values: [...LIVE_INSTANCE_STATES] },
    ]),
    describeOwnImages(client, [{ Name: "state", Values: ["pending", "failed", "available"] }]),
    describeAllSecurityGroups(client, [{ Name: "group-name", Values: PACKER_NAMES }]),
    describeKeyPairs(client, [{ Name: "key-name", Values: PACKER_NAMES }]),
    spot
      ? describeAllLaunchTemplates(client, [{ Name: `tag:${TAG.tool}`, Values: [TOOL_NAME] }])
      : [],
  ]);
  return {
    instances: present(instances.map(toInstanceInfo)),
    images: images.map(toAmiInfo),
    groups: present(groups.map(toGroupInfo)),
    keys: present(keys.map(toKeyInfo)),
    launchTemplates: present(templates.map(toLaunchTemplateInfo)),
  };
}

function present<T>(values: readonly (T | undefined)[]): T[] {
  return values.filter((v): v is T => v !== undefined);
}
