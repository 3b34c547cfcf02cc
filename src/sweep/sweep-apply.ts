// Carries out one region's sweep plan: instances first (their groups go only once they are
// terminated), then key pairs and launch templates, then AMIs with their snapshots.
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { ActionLog } from "../removal/action-log.ts";
import { removeImage } from "../removal/remove-image.ts";
import {
  deleteLaunchTemplates,
  deleteTemporaries,
  terminateInstances,
} from "../removal/remove-instances.ts";
import type { SweepPlan } from "./sweep-plan.ts";

export async function applySweep({
  client,
  plan,
  pollDelayMs,
  log,
}: {
  client: EC2Client;
  plan: SweepPlan;
  pollDelayMs: number;
  log: ActionLog;
}): Promise<void> {
  const ids = plan.terminate.map((c) => c.resource.id);
  await terminateInstances({ client, ids, pollDelayMs, log });
  await deleteTemporaries({
    client,
    groups: plan.deleteGroups.map((c) => c.resource),
    keys: plan.deleteKeys.map((c) => c.resource.name),
    log,
  });
  await deleteLaunchTemplates({
    client,
    templates: plan.deleteTemplates.map((c) => c.resource),
    log,
  });
  for (const { resource: image } of plan.deregister) {
    await removeImage({ client, image, log, note: image.state });
  }
}
