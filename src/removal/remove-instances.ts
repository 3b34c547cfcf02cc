// Packer's temporary security group can only go once its instance is terminated, and EC2 takes a
// while to get there; the key pair goes with them. Shared by an attempt's cleanup and by sweep.
import {
  DeleteKeyPairCommand,
  DeleteLaunchTemplateCommand,
  DeleteSecurityGroupCommand,
  type EC2Client,
  TerminateInstancesCommand,
} from "@aws-sdk/client-ec2";
import type { ActionLog } from "./action-log.ts";
import { waitForInstancesTerminated } from "./wait-terminated.ts";

export async function terminateInstances({
  client,
  ids,
  pollDelayMs,
  log,
}: {
  client: EC2Client;
  ids: readonly string[];
  pollDelayMs: number;
  log: ActionLog;
}): Promise<boolean> {
  if (ids.length === 0) return true;
  return log.attempt({ verb: "terminate", kind: "instance", id: ids.join(", ") }, async () => {
    await client.send(new TerminateInstancesCommand({ InstanceIds: [...ids] }));
    await waitForInstancesTerminated({ client, ids: [...ids], pollDelayMs });
  });
}

// A Spot build's launch template outlives a killed Packer; it costs nothing but counts against the
// account's limit of launch templates.
export async function deleteLaunchTemplates({
  client,
  templates,
  log,
}: {
  client: EC2Client;
  templates: readonly { id: string; name: string }[];
  log: ActionLog;
}): Promise<void> {
  for (const template of templates) {
    await log.attempt(
      { verb: "delete", kind: "launch template", id: template.id, note: template.name },
      () => client.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: template.id })),
    );
  }
}

export async function deleteTemporaries({
  client,
  groups,
  keys,
  log,
}: {
  client: EC2Client;
  /** Security group ids, each with its name when known (shown in brackets). */
  groups: readonly { id: string; name?: string }[];
  keys: readonly string[];
  log: ActionLog;
}): Promise<void> {
  for (const group of groups) {
    await log.attempt(
      {
        verb: "delete",
        kind: "security group",
        id: group.id,
        ...(group.name ? { note: group.name } : {}),
      },
      () => client.send(new DeleteSecurityGroupCommand({ GroupId: group.id })),
    );
  }
  for (const key of keys) {
    await log.attempt({ verb: "delete", kind: "key pair", id: key }, () =>
      client.send(new DeleteKeyPairCommand({ KeyName: key })),
    );
  }
}
