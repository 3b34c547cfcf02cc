// An AMI's snapshots outlive it and keep costing money, but EC2 refuses to delete them while the AMI
// is registered: deregister first, and delete its snapshots only once that succeeded.
import { DeleteSnapshotCommand, DeregisterImageCommand, type EC2Client } from "@aws-sdk/client-ec2";
import type { ActionLog } from "./action-log.ts";

export async function removeImage({
  client,
  image,
  log,
  kind = "AMI",
  note,
}: {
  client: EC2Client;
  image: { id: string; snapshotIds: readonly string[] };
  log: ActionLog;
  /** How the AMI is named in messages, e.g. `unfinished AMI`. */
  kind?: string;
  note?: string;
}): Promise<void> {
  const deregistered = await log.attempt(
    { verb: "deregister", kind, id: image.id, ...(note ? { note } : {}) },
    () => client.send(new DeregisterImageCommand({ ImageId: image.id })),
  );
  if (!deregistered) return;
  for (const snapshot of image.snapshotIds) {
    await log.attempt({ verb: "delete", kind: "snapshot", id: snapshot }, () =>
      client.send(new DeleteSnapshotCommand({ SnapshotId: snapshot })),
    );
  }
}

export async function deleteSnapshot({
  client,
  id,
  log,
  note,
}: {
  client: EC2Client;
  id: string;
  log: ActionLog;
  note?: string;
}): Promise<void> {
  await log.attempt({ verb: "delete", kind: "snapshot", id, ...(note ? { note } : {}) }, () =>
    client.send(new DeleteSnapshotCommand({ SnapshotId: id })),
  );
}
