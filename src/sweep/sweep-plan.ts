// Pure: what in one region a crashed or killed run left behind, old enough to be sure no run still
// uses it, and what stays with the reason. Only what ami-matrix provably made is ever chosen; unowned
// Packer temporaries only when the user asked for them. One planner per kind of resource.
import type { AmiInfo } from "../aws/ami-info.ts";
import type { GroupInfo, InstanceInfo, KeyInfo, LaunchTemplateInfo } from "../aws/resource-info.ts";
import { planImages, type RecordedAttempt } from "./plan-images.ts";
import { planInstances } from "./plan-instances.ts";
import { planLaunchTemplates } from "./plan-launch-templates.ts";
import { planUntaggedTemporaries } from "./plan-temporaries.ts";
import { sweepClock } from "./sweep-clock.ts";

export type {
  GroupInfo,
  InstanceInfo,
  KeyInfo,
  LaunchTemplateInfo,
} from "../aws/resource-info.ts";
export type { RecordedAttempt } from "./plan-images.ts";

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

export function planSweep({
  now,
  olderThanMs,
  inventory,
  recorded,
  attempts = new Map(),
  includeUntaggedPackerTemporaries,
}: {
  now: number;
  olderThanMs: number;
  inventory: SweepInventory;
  /** AMI ids a run report, a run record or the AMI list records as results (id → where): never swept. */
  recorded: ReadonlyMap<string, string>;
  /** Attempt AMI names that run records know (name → the attempt). */
  attempts?: ReadonlyMap<string, RecordedAttempt>;
  includeUntaggedPackerTemporaries: boolean;
}): SweepPlan {
  const plan = emptySweepPlan();
  const clock = sweepClock({ now, olderThanMs });
  planInstances({ plan, clock, inventory });
  planUntaggedTemporaries({ plan, clock, inventory, include: includeUntaggedPackerTemporaries });
  planLaunchTemplates({ plan, clock, templates: inventory.launchTemplates ?? [] });
  planImages({ plan, clock, images: inventory.images, recorded, attempts });
  return plan;
}
