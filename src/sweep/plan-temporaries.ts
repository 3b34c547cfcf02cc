// Packer 1.6.6 tags neither its temporary security groups nor its key pairs, so one that no
// ami-matrix instance uses is not provably ours: it goes only when the user asks, once the time in
// its name (or the key's creation time) is past the threshold and no live instance uses it.
import type { InstanceInfo } from "../aws/resource-info.ts";
import { PACKER_TEMPORARY, packerTemporaryTime } from "../removal/packer-temporary-name.ts";
import { formatDuration } from "../text/durations.ts";
import type { SweepClock } from "./sweep-clock.ts";
import { type SweepInventory, type SweepPlan, UNTAGGED_FLAG } from "./sweep-shapes.ts";

export function planUntaggedTemporaries({
  plan,
  clock,
  inventory,
  include,
}: {
  /** Already holds the instances' own temporaries, which are not looked at again. */
  plan: SweepPlan;
  clock: SweepClock;
  inventory: SweepInventory;
  include: boolean;
}): void {
  const terminating = new Set(plan.terminate.map((c) => c.resource.id));
  const keptBy = (uses: (i: InstanceInfo) => boolean) =>
    inventory.instances.find((i) => !terminating.has(i.id) && uses(i))?.id;
  const decided = new Set([
    ...plan.deleteGroups.map((c) => c.resource.id),
    ...plan.deleteKeys.map((c) => c.resource.name),
    ...plan.spared.map((s) => s.id),
  ]);
  const whyNot = (created: number | undefined, user: string | undefined): string | undefined => {
    if (user) return `used by ${user}, which stays`;
    if (!include)
      return `not used by an ami-matrix instance, so not provably ours: left alone without ${UNTAGGED_FLAG}`;
    if (created === undefined) return "its name carries no creation time: left alone";
    const age = clock.age(created);
    if (!clock.oldEnough(age))
      return `made ${formatDuration(age, "age")} ago, younger than ${clock.threshold}: a build may be using it`;
    return undefined;
  };

  for (const group of inventory.groups) {
    if (!PACKER_TEMPORARY.test(group.name) || decided.has(group.id)) continue;
    const why = whyNot(
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
    if (!PACKER_TEMPORARY.test(key.name) || decided.has(key.name)) continue;
    const created = key.createTime ? Date.parse(key.createTime) : packerTemporaryTime(key.name);
    const why = whyNot(
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
}
