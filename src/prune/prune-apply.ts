// Carries out one cell's prune plan: each AMI with its snapshots, then the cell's orphaned snapshots.
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { ActionLog } from "../removal/action-log.ts";
import { deleteSnapshot, removeImage } from "../removal/remove-image.ts";
import type { PruneCell } from "./prune-cells.ts";

export async function applyPruneCell({
  client,
  cell,
  log,
}: {
  client: EC2Client;
  cell: PruneCell;
  log: ActionLog;
}): Promise<void> {
  for (const { image } of cell.plan.remove) await removeImage({ client, image, log });
  for (const snapshot of cell.orphans) await deleteSnapshot({ client, id: snapshot.id, log });
}
