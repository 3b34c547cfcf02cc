// Pure: what in one region a crashed or killed run left behind, old enough to be sure no run still
// uses it, and what stays with the reason. Only what ami-matrix provably made is ever chosen; unowned
// Packer temporaries only when the user asked for them.

import { type AmiInfo, isToolTagged } from "../aws/ami-info.ts";
import { parseAttemptName } from "../model/attempt-name.ts";
import { TAG } from "../model/tags.ts";
import { PACKER_TEMPORARY, packerTemporaryTime } from "../removal/packer-temporary-name.ts";
import { formatDuration } from "../text/durations.ts";
import { formatThreshold } from "./sweep-duration.ts";

export interface InstanceInfo {
  id: string;
  state: string;
  launchTime: string;
  keyName?: string;
  groups: { id: string; name: string }[];
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

export interface SweepInventory {
  /** Every instance of the region that is not terminated, whoever launched it. */
  instances: InstanceInfo[];
  /** The account's own AMIs of the region that are pending or failed. */
  images: AmiInfo[];
  /** The region's security groups named `packer_*`. */
  groups: GroupInfo[];
  /** The region's key pairs named `packer_*`. */
  keys: KeyInfo[];
}

export interface Chosen<T> {
  resource: T;
  reason: string;
}

export interface Spared {
  kind: "instance" | "security group" | "key pair" | "AMI";
  id: string;
  reason: string;
}

export interface SweepPlan {
  terminate: Chosen<InstanceInfo>[];
  deleteGroups: Chosen<GroupInfo>[];
  deleteKeys: Chosen<KeyInfo>[];
  deregister: Chosen<AmiInfo>[];
  spared: Spared[];
}

export const UNTAGGED_FLAG = "--include-untagged-packer-temporaries";

export function planSweep({
  now,
  olderThanMs,
  inventory,
  recorded,
  includeUntaggedPackerTemporaries,
}: {
  now: number;
  olderThanMs: number;
  inventory: SweepInventory;
  /** AMI ids a run report or the AMI list records (id → where): never swept. */
  recorded: ReadonlyMap<string, string>;
  includeUntaggedPackerTemporaries: boolean;
}): SweepPlan {
  const plan: SweepPlan = {
    terminate: [],
    deleteGroups: [],
    deleteKeys: [],
    deregister: [],
    spared: [],
  };
  const threshold = formatThreshold(olderThanMs);
  const age = (time: string | number | undefined) =>
    now - (typeof time === "string" ? Date.parse(time) : (time ?? Number.NaN));
  const oldEnough = (ms: number) => olderThanMs === 0 || ms >= olderThanMs;

  for (const instance of inventory.instances.filter(isToolTagged)) {
    const launched = age(instance.launchTime);
    if (oldEnough(launched)) {
      plan.terminate.push({
        resource: instance,
        reason: `${instance.state}, launched ${formatDuration(launched, "age")} ago; ${runAndJob(instance.tags)}`,
      });
    } else {
      plan.spared.push({
        kind: "instance",
        id: instance.id,
        reason: `launched ${formatDuration(launched, "age")} ago, younger than ${threshold}: its run may still be going`,
      });
    }
  }
  const terminating = new Set(plan.terminate.map((c) => c.resource.id));
  const staying = inventory.instances.filter((i) => !terminating.has(i.id));
  const keptBy = (uses: (i: InstanceInfo) => boolean) => staying.find(uses)?.id;
  const groupNames = new Map(inventory.groups.map((g) => [g.id, g.name]));
  const chosenGroups = new Set<string>();
  const chosenKeys = new Set<string>();

  for (const { resource: instance } of plan.terminate) {
    for (const group of instance.groups) {
      const name = group.name || groupNames.get(group.id) || "";
      if (!PACKER_TEMPORARY.test(name) || chosenGroups.has(group.id)) continue;
      const user = keptBy((i) => i.groups.some((g) => g.id === group.id));
      if (user) {
        plan.spared.push({
          kind: "security group",
          id: group.id,
          reason: `${name}, also used by ${user}, which stays`,
        });
        continue;
      }
      chosenGroups.add(group.id);
      plan.deleteGroups.push({
        resource: { id: group.id, name },
        reason: `${name}: Packer's temporary group for ${instance.id}`,
      });
    }
    const key = instance.keyName;
    if (key && PACKER_TEMPORARY.test(key) && !chosenKeys.has(key)) {
      const user = keptBy((i) => i.keyName === key);
      if (user) {
        plan.spared.push({
          kind: "key pair",
          id: key,
          reason: `also used by ${user}, which stays`,
        });
      } else {
        chosenKeys.add(key);
        plan.deleteKeys.push({
          resource: { name: key },
          reason: `Packer's temporary key pair for ${instance.id}`,
        });
      }
    }
  }

  const untagged = (created: number | undefined, user: string | undefined): string | undefined => {
    if (user) return `used by ${user}, which stays`;
    if (!includeUntaggedPackerTemporaries)
      return `not used by an ami-matrix instance, so not provably ours: left alone without ${UNTAGGED_FLAG}`;
    if (created === undefined) return "its name carries no creation time: left alone";
    const old = age(created);
    if (!oldEnough(old))
      return `made ${formatDuration(old, "age")} ago, younger than ${threshold}: a build may be using it`;
    return undefined;
  };
  for (const group of inventory.groups) {
    if (!PACKER_TEMPORARY.test(group.name) || chosenGroups.has(group.id)) continue;
    if (plan.spared.some((s) => s.id === group.id)) continue;
    const why = untagged(
      packerTemporaryTime(group.name),
      keptBy((i) => i.groups.some((g) => g.id === group.id)),
    );
    if (why)
      plan.spared.push({ kind: "security group", id: group.id, reason: `${group.name}, ${why}` });
    else
      plan.deleteGroups.push({
        resource: group,
        reason: `${group.name}: untagged Packer temporary, used by no instance`,
      });
  }
  for (const key of inventory.keys) {
    if (!PACKER_TEMPORARY.test(key.name) || chosenKeys.has(key.name)) continue;
    if (plan.spared.some((s) => s.id === key.name)) continue;
    const created = key.createTime ? Date.parse(key.createTime) : packerTemporaryTime(key.name);
    const why = untagged(
      created,
      keptBy((i) => i.keyName === key.name),
    );
    if (why) plan.spared.push({ kind: "key pair", id: key.name, reason: why });
    else
      plan.deleteKeys.push({
        resource: key,
        reason: "untagged Packer temporary, used by no instance",
      });
  }

  for (const image of inventory.images) {
    const fromName = parseAttemptName(image.name);
    const ours = isToolTagged(image) || fromName !== undefined;
    if (!ours || (image.state !== "pending" && image.state !== "failed")) continue;
    const created = age(image.creationDate);
    const record = recorded.get(image.id);
    if (record) {
      plan.spared.push({
        kind: "AMI",
        id: image.id,
        reason: `${image.state}, recorded in ${record}`,
      });
    } else if (!oldEnough(created)) {
      plan.spared.push({
        kind: "AMI",
        id: image.id,
        reason: `${image.state}, created ${formatDuration(created, "age")} ago, younger than ${threshold}: its build may still be running`,
      });
    } else {
      const run = image.tags[TAG.run] ?? fromName?.runId;
      const how = isToolTagged(image) ? "" : "; untagged, recognised by its name";
      plan.deregister.push({
        resource: image,
        reason: `${image.state}, created ${formatDuration(created, "age")} ago; run ${run ?? "?"}${fromName ? ` attempt ${fromName.attempt}` : ""}${how}`,
      });
    }
  }
  return plan;
}

function runAndJob(tags: Record<string, string>): string {
  return `run ${tags[TAG.run] ?? "?"}, job ${tags[TAG.job] ?? "?"}`;
}
