// Instances ami-matrix tagged, once old enough, and with them Packer's temporary group and key pair
// they use, unless an instance that stays uses them too.
import { isToolTagged } from "../aws/ami-info.ts";
import type { InstanceInfo } from "../aws/resource-info.ts";
import { TAG } from "../model/tags.ts";
import { PACKER_TEMPORARY } from "../removal/packer-temporary-name.ts";
import { formatDuration } from "../text/durations.ts";
import type { SweepClock } from "./sweep-clock.ts";
import type { SweepInventory, SweepPlan } from "./sweep-shapes.ts";

export function planInstances({
  plan,
  clock,
  inventory,
}: {
  plan: SweepPlan;
  clock: SweepClock;
  inventory: SweepInventory;
}): void {
  for (const instance of inventory.instances.filter(isToolTagged)) {
    const launched = clock.age(instance.launchTime);
    if (clock.oldEnough(launched)) {
      plan.terminate.push({
        resource: instance,
        reason: `${instance.state}, launched ${formatDuration(launched, "age")} ago; ${runAndJob(instance.tags)}`,
      });
    } else {
      plan.spared.push({
        kind: "instance",
        id: instance.id,
        reason: `launched ${formatDuration(launched, "age")} ago, younger than ${clock.threshold}: its run may still be going`,
      });
    }
  }
  const terminating = new Set(plan.terminate.map((c) => c.resource.id));
  const keptBy = (uses: (i: InstanceInfo) => boolean) =>
    inventory.instances.find((i) => !terminating.has(i.id) && uses(i))?.id;
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
    if (!key || !PACKER_TEMPORARY.test(key) || chosenKeys.has(key)) continue;
    const user = keptBy((i) => i.keyName === key);
    if (user) {
      plan.spared.push({ kind: "key pair", id: key, reason: `also used by ${user}, which stays` });
      continue;
    }
    chosenKeys.add(key);
    plan.deleteKeys.push({
      resource: { name: key },
      reason: `Packer's temporary key pair for ${instance.id}`,
    });
  }
}

export function runAndJob(tags: Record<string, string>): string {
  return `run ${tags[TAG.run] ?? "?"}, job ${tags[TAG.job] ?? "?"}`;
}
