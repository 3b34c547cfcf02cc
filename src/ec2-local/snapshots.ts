// Snapshots back every AMI; deleting one an AMI still uses is refused, as EC2 does.
import { isAccountId, LOCAL_ACCOUNT_ID } from "./accounts.ts";
import type { ActionHandler } from "./action-context.ts";
import { Ec2Error } from "./ec2-error.ts";
import { applyFilters, type FilterSpec } from "./filters.ts";
import { newOwnSnapshot } from "./image-lifecycle.ts";
import { findOwnSnapshot, findOwnSnapshots, findVolume } from "./lookups.ts";
import type { Snapshot } from "./model.ts";
import { paginate } from "./pagination.ts";
import { snapshotXml } from "./snapshot-xml.ts";
import { applyTags, tagsFromSpecifications } from "./tag-helpers.ts";

const SNAPSHOT_FILTERS: FilterSpec<Snapshot> = {
  fields: {
    description: (snapshot) => snapshot.description,
    "owner-alias": (snapshot) => snapshot.ownerAlias,
    "owner-id": (snapshot) => snapshot.ownerId,
    progress: (snapshot) => (snapshot.state === "pending" ? "0%" : "100%"),
    "snapshot-id": (snapshot) => snapshot.id,
    "start-time": (snapshot) => snapshot.startTime,
    status: (snapshot) => snapshot.state,
    "volume-id": (snapshot) => snapshot.volumeId,
    "volume-size": (snapshot) => snapshot.volumeSize,
    encrypted: () => false,
  },
  tags: (snapshot) => snapshot.tags,
};

function isOwnedBy(snapshot: Snapshot, owner: string): boolean {
  if (owner === "self") return snapshot.ownerId === LOCAL_ACCOUNT_ID;
  if (isAccountId(owner)) return snapshot.ownerId === owner;
  return snapshot.ownerAlias === owner;
}

// Other accounts' snapshots (those behind Amazon's images) are private to them, as in EC2.
export const describeSnapshots: ActionHandler = ({ params, state }) => {
  const ids = params.list("SnapshotId");
  const owners = params.list("Owner");
  const candidates =
    ids.length > 0
      ? findOwnSnapshots(state, ids)
      : [...state.snapshots.values()].filter((snapshot) => snapshot.ownerId === LOCAL_ACCOUNT_ID);
  const owned = candidates.filter(
    (snapshot) => owners.length === 0 || owners.some((o) => isOwnedBy(snapshot, o)),
  );
  const matching = applyFilters({
    items: owned,
    filters: params.filters(),
    spec: SNAPSHOT_FILTERS,
  });
  const { page, nextToken } = paginate({ items: matching, params });
  return { snapshotSet: page.map(snapshotXml), nextToken };
};

export const createSnapshot: ActionHandler = ({ params, state, now, delays }) => {
  const volume = findVolume(state, params.required("VolumeId"));
  const inputs = tagsFromSpecifications({
    params,
    resourceType: "snapshot",
    allowedTypes: ["snapshot"],
  });
  const snapshot = newOwnSnapshot({
    state,
    now,
    volumeId: volume.id,
    volumeSize: volume.size,
    description: params.get("Description") ?? "",
  });
  applyTags({ tags: snapshot.tags, inputs });
  snapshot.transition = { at: now + delays.imageMs, to: "completed" };
  return snapshotXml(snapshot);
};

export const deleteSnapshot: ActionHandler = ({ params, state }) => {
  const snapshot = findOwnSnapshot(state, params.required("SnapshotId"));
  const user = [...state.images.values()].find((image) =>
    image.blockDevices.some((device) => device.snapshotId === snapshot.id),
  );
  if (user) {
    throw new Ec2Error(
      "InvalidSnapshot.InUse",
      `The snapshot ${snapshot.id} is currently in use by ${user.id}`,
    );
  }
  state.snapshots.delete(snapshot.id);
  return { return: true };
};
