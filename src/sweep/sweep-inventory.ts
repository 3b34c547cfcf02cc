// What sweep reads in one region: live instances, own AMIs that are pending or failed, and the
// security groups and key pairs named like Packer's temporaries.
import {
  DescribeKeyPairsCommand,
  type EC2Client,
  paginateDescribeSecurityGroups,
} from "@aws-sdk/client-ec2";
import { tagRecord, toAmiInfo } from "../aws/ami-info.ts";
import {
  describeAllInstances,
  describeOwnImages,
  LIVE_INSTANCE_STATES,
} from "../aws/describe-all.ts";
import type { GroupInfo, SweepInventory } from "./sweep-plan.ts";

const PACKER_NAMES = ["packer_*"];

export async function readSweepInventory(client: EC2Client): Promise<SweepInventory> {
  const [instances, images, groups, keys] = await Promise.all([
    describeAllInstances(client, [
      { Name: "instance-state-name", Values: [...LIVE_INSTANCE_STATES] },
    ]),
    describeOwnImages(client, [{ Name: "state", Values: ["pending", "failed"] }]),
    packerGroups(client),
    client.send(
      new DescribeKeyPairsCommand({ Filters: [{ Name: "key-name", Values: PACKER_NAMES }] }),
    ),
  ]);
  return {
    instances: instances.flatMap((i) =>
      i.InstanceId
        ? [
            {
              id: i.InstanceId,
              state: i.State?.Name ?? "",
              launchTime: i.LaunchTime?.toISOString() ?? "",
              ...(i.KeyName ? { keyName: i.KeyName } : {}),
              groups: (i.SecurityGroups ?? []).flatMap((g) =>
                g.GroupId ? [{ id: g.GroupId, name: g.GroupName ?? "" }] : [],
              ),
              tags: tagRecord(i.Tags),
            },
          ]
        : [],
    ),
    images: images.map(toAmiInfo),
    groups,
    keys: (keys.KeyPairs ?? []).flatMap((k) =>
      k.KeyName
        ? [{ name: k.KeyName, ...(k.CreateTime ? { createTime: k.CreateTime.toISOString() } : {}) }]
        : [],
    ),
  };
}

async function packerGroups(client: EC2Client): Promise<GroupInfo[]> {
  const found: GroupInfo[] = [];
  const pages = paginateDescribeSecurityGroups(
    { client },
    { Filters: [{ Name: "group-name", Values: PACKER_NAMES }] },
  );
  for await (const page of pages) {
    for (const g of page.SecurityGroups ?? []) {
      if (g.GroupId) found.push({ id: g.GroupId, name: g.GroupName ?? "" });
    }
  }
  return found;
}
