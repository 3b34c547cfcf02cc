// The planners decide from plain data, so they are tested without EC2: instances, security groups
// and key pairs as they need to see them (AMIs are in ami-info.ts).
import type { Instance, KeyPairInfo, LaunchTemplate, SecurityGroup } from "@aws-sdk/client-ec2";
import { tagRecord } from "./ami-info.ts";

export interface InstanceInfo {
  id: string;
  state: string;
  launchTime: string;
  keyName?: string;
  groups: GroupInfo[];
  tags: Record<string, string>;
}

export interface GroupInfo {
  id: string;
  name: string;
}

export interface KeyInfo {
  name: string;
  /** ISO 8601, when EC2 reports it. */
  createTime?: string;
}

/** A launch template of Packer's Spot builds (`packer-fleet-launch-template-…`). */
export interface LaunchTemplateInfo {
  id: string;
  name: string;
  /** ISO 8601. */
  createTime: string;
  tags: Record<string, string>;
}

export function toLaunchTemplateInfo(template: LaunchTemplate): LaunchTemplateInfo | undefined {
  if (!template.LaunchTemplateId) return undefined;
  return {
    id: template.LaunchTemplateId,
    name: template.LaunchTemplateName ?? "",
    createTime: template.CreateTime?.toISOString() ?? "",
    tags: tagRecord(template.Tags),
  };
}

export function toInstanceInfo(instance: Instance): InstanceInfo | undefined {
  if (!instance.InstanceId) return undefined;
  return {
    id: instance.InstanceId,
    state: instance.State?.Name ?? "",
    launchTime: instance.LaunchTime?.toISOString() ?? "",
    ...(instance.KeyName ? { keyName: instance.KeyName } : {}),
    groups: (instance.SecurityGroups ?? []).flatMap((g) =>
      g.GroupId ? [{ id: g.GroupId, name: g.GroupName ?? "" }] : [],
    ),
    tags: tagRecord(instance.Tags),
  };
}

export function toGroupInfo(group: SecurityGroup): GroupInfo | undefined {
  return group.GroupId ? { id: group.GroupId, name: group.GroupName ?? "" } : undefined;
}

export function toKeyInfo(key: KeyPairInfo): KeyInfo | undefined {
  if (!key.KeyName) return undefined;
  return {
    name: key.KeyName,
    ...(key.CreateTime ? { createTime: key.CreateTime.toISOString() } : {}),
  };
}
