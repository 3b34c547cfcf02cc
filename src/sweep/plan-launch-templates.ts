// Launch templates a Spot build made and a killed Packer did not delete. They carry the run's tags
// (passed as spot_tags), so they are provably ami-matrix's; they go once old enough that no build of
// theirs can still be running.
import { isToolTagged } from "../aws/ami-info.ts";
import type { LaunchTemplateInfo } from "../aws/resource-info.ts";
import { formatDuration } from "../text/durations.ts";
import { runAndJob } from "./plan-instances.ts";
import type { SweepClock } from "./sweep-clock.ts";
import type { SweepPlan } from "./sweep-shapes.ts";

export function planLaunchTemplates({
  plan,
  clock,
  templates,
}: {
  plan: SweepPlan;
  clock: SweepClock;
  templates: readonly LaunchTemplateInfo[];
}): void {
  for (const template of templates.filter(isToolTagged)) {
    const age = clock.age(template.createTime);
    if (clock.oldEnough(age))
      plan.deleteTemplates.push({
        resource: template,
        reason: `${template.name}, made ${formatDuration(age, "age")} ago for a Spot build; ${runAndJob(template.tags)}`,
      });
    else
      plan.spared.push({
        kind: "launch template",
        id: template.id,
        reason: `${template.name}, made ${formatDuration(age, "age")} ago, younger than ${clock.threshold}: its build may still be going`,
      });
  }
}
