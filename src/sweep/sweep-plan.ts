// Pure: what in one region a crashed or killed run left behind, old enough to be sure no run still
// uses it, and what stays with the reason. Only what ami-matrix provably made is ever chosen; unowned
// Packer temporaries only when the user asked for them. One planner per kind of resource.
import { planImages, type RecordedAttempt } from "./plan-images.ts";
import { planInstances } from "./plan-instances.ts";
import { planLaunchTemplates } from "./plan-launch-templates.ts";
import { planUntaggedTemporaries } from "./plan-temporaries.ts";
import { sweepClock } from "./sweep-clock.ts";
import { emptySweepPlan, type SweepInventory, type SweepPlan } from "./sweep-shapes.ts";

export type {
  GroupInfo,
  InstanceInfo,
  KeyInfo,
  LaunchTemplateInfo,
} from "../aws/resource-info.ts";
export type { RecordedAttempt } from "./plan-images.ts";
export {
  type Chosen,
  emptySweepPlan,
  type Spared,
  type SweepInventory,
  type SweepPlan,
  UNTAGGED_FLAG,
} from "./sweep-shapes.ts";

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
