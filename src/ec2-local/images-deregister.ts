// DeregisterImage removes an own image; its snapshots stay (and become deletable) unless asked otherwise.
import type { ActionHandler } from "./action-context.ts";
import { findOwnImage } from "./lookups.ts";
import type { RegionState } from "./state.ts";

function isSnapshotUsedByAnImage(state: RegionState, snapshotId: string): boolean {
  return [...state.images.values()].some((image) =>
    image.blockDevices.some((device) => device.snapshotId === snapshotId),
  );
}

export const deregisterImage: ActionHandler = ({ params, state }) => {
  const image = findOwnImage(state, params.required("ImageId"));
  state.images.delete(image.id);
  if (!params.bool("DeleteAssociatedSnapshots")) return { return: true };

  const results = image.blockDevices
    .flatMap((device) => (device.snapshotId ? [device.snapshotId] : []))
    .filter((snapshotId) => !isSnapshotUsedByAnImage(state, snapshotId))
    .map((snapshotId) => {
      const deleted = state.snapshots.delete(snapshotId);
      return { snapshotId, returnCode: deleted ? "success" : "error-generic" };
    });
  return { return: true, deleteSnapshotResultSet: results };
};
