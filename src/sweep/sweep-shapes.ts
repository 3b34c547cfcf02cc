// What a sweep plan is made of: the region's inventory, what is chosen (with why) and what is spared.
// Apart from the planners, which all fill one plan.
import type { AmiInfo } from "../aws/ami-info.ts";
import type { GroupInfo, InstanceInfo, KeyInfo, LaunchTemplateInfo } from "../aws/resource-info.ts";

export interface SweepInventory {
  /** Every instance of the region that is not terminated, whoever launched it. */
  instances: InstanceInfo[];
  /** The account's own AMIs of the region that are pending, failed or available. */
  images: AmiInfo[];
  /** The region's security groups named `packer_*`. */
  groups: GroupInfo[];
  /** The region's key pairs named `packer_*`. */
  keys: KeyInfo[];
  /** The region's launch templates ami-matrix tagged (Spot builds); listed only for Spot matrices. */
  launchTemplates?: LaunchTemplateInfo[];
}

export interface Chosen<T> {
  resource: T;
  reason: string;
}

export interface Spared {
  kind: "instance" | "security group" | "key pair" | "AMI" | "launch template";
  id: string;
  reason: string;
}

export interface SweepPlan {
  terminate: Chosen<InstanceInfo>[];
  deleteGroups: Chosen<GroupInfo>[];
  deleteKeys: Chosen<KeyInfo>[];
  deleteTemplates: Chosen<LaunchTemplateInfo>[];
  deregister: Chosen<AmiInfo>[];
  spared: Spared[];
}

export const UNTAGGED_FLAG = "--include-untagged-packer-temporaries";

export function emptySweepPlan(): SweepPlan {
  return {
    terminate: [],
    deleteGroups: [],
    deleteKeys: [],
    deleteTemplates: [],
    deregister: [],
    spared: [],
  };
}
