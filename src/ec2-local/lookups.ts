// Finding a resource by id fails the way EC2 does: Malformed for a bad id, NotFound for a missing one.
import { LOCAL_ACCOUNT_ID } from "./accounts.ts";
import { Ec2Error, notFoundError } from "./ec2-error.ts";
import type { Image, Instance, SecurityGroup, Snapshot, Volume } from "./model.ts";
import type { RegionState } from "./state.ts";

interface IdKind {
  prefix: string;
  malformed: string;
  notFound: string;
  noun: string;
}

const KINDS = {
  image: {
    prefix: "ami",
    malformed: "InvalidAMIID.Malformed",
    notFound: "InvalidAMIID.NotFound",
    noun: "image id",
  },
  instance: {
    prefix: "i",
    malformed: "InvalidInstanceID.Malformed",
    notFound: "InvalidInstanceID.NotFound",
    noun: "instance ID",
  },
  snapshot: {
    prefix: "snap",
    malformed: "InvalidSnapshotID.Malformed",
    notFound: "InvalidSnapshot.NotFound",
    noun: "snapshot",
  },
  volume: {
    prefix: "vol",
    malformed: "InvalidVolumeID.Malformed",
    notFound: "InvalidVolume.NotFound",
    noun: "volume",
  },
  group: {
    prefix: "sg",
    malformed: "InvalidGroupId.Malformed",
    notFound: "InvalidGroup.NotFound",
    noun: "security group",
  },
} satisfies Record<string, IdKind>;

function checkIdFormat(kind: IdKind, id: string): void {
  if (!new RegExp(`^${kind.prefix}-[0-9a-f]{8}([0-9a-f]{9})?$`).test(id)) {
    throw new Ec2Error(kind.malformed, `Invalid id: "${id}" (expecting "${kind.prefix}-...")`);
  }
}

// Every missing id is reported at once, as EC2 does.
function findAll<T>(options: {
  kind: IdKind;
  ids: readonly string[];
  lookup: (id: string) => T | undefined;
}): T[] {
  const { kind, ids, lookup } = options;
  for (const id of ids) checkIdFormat(kind, id);
  const missing = ids.filter((id) => lookup(id) === undefined);
  if (missing.length > 0) {
    const quotedIds = kind === KINDS.image ? [`[${missing.join(", ")}]`] : missing;
    throw notFoundError({ code: kind.notFound, noun: kind.noun, ids: quotedIds });
  }
  return ids.map((id) => lookup(id) as T);
}

/** Whether the caller may see and launch the image: public, own, or shared with the caller. */
export function isImageVisible(image: Image): boolean {
  return (
    image.launchPermission.groups.has("all") ||
    image.ownerId === LOCAL_ACCOUNT_ID ||
    image.launchPermission.userIds.has(LOCAL_ACCOUNT_ID)
  );
}

/** Images by id; one the caller cannot see, or that `usable` rules out, does not exist for it. */
export function findImages(
  state: RegionState,
  ids: readonly string[],
  usable: (image: Image) => boolean = () => true,
): Image[] {
  return findAll({
    kind: KINDS.image,
    ids,
    lookup: (id) => {
      const image = state.images.get(id);
      return image && isImageVisible(image) && usable(image) ? image : undefined;
    },
  });
}

export function findImage(
  state: RegionState,
  id: string,
  usable: (image: Image) => boolean = () => true,
): Image {
  return findImages(state, [id], usable)[0] as Image;
}

// Changing an image is for its owner only; others get the error EC2 gives them.
export function findOwnImage(state: RegionState, id: string): Image {
  const image = findImage(state, id);
  if (image.ownerId !== LOCAL_ACCOUNT_ID) {
    throw new Ec2Error("AuthFailure", `Not authorized for image:${id}`);
  }
  return image;
}

export function findInstances(state: RegionState, ids: readonly string[]): Instance[] {
  return findAll({ kind: KINDS.instance, ids, lookup: (id) => state.instances.get(id) });
}

export function findInstance(state: RegionState, id: string): Instance {
  return findInstances(state, [id])[0] as Instance;
}

export function findOwnSnapshots(state: RegionState, ids: readonly string[]): Snapshot[] {
  return findAll({
    kind: KINDS.snapshot,
    ids,
    lookup: (id) => {
      const snapshot = state.snapshots.get(id);
      return snapshot?.ownerId === LOCAL_ACCOUNT_ID ? snapshot : undefined;
    },
  });
}

export function findOwnSnapshot(state: RegionState, id: string): Snapshot {
  return findOwnSnapshots(state, [id])[0] as Snapshot;
}

export function findVolume(state: RegionState, id: string): Volume {
  return findVolumes(state, [id])[0] as Volume;
}

export function findVolumes(state: RegionState, ids: readonly string[]): Volume[] {
  return findAll({ kind: KINDS.volume, ids, lookup: (id) => state.volumes.get(id) });
}

export function findSecurityGroups(state: RegionState, ids: readonly string[]): SecurityGroup[] {
  return findAll({ kind: KINDS.group, ids, lookup: (id) => state.securityGroups.get(id) });
}

/** A security group by id, or by name in the default VPC (EC2-Classic style calls). */
export function findSecurityGroup(options: {
  state: RegionState;
  groupId: string | undefined;
  groupName: string | undefined;
}): SecurityGroup {
  const { state, groupId, groupName } = options;
  if (groupId !== undefined) return findSecurityGroups(state, [groupId])[0] as SecurityGroup;
  if (groupName === undefined) {
    throw new Ec2Error("MissingParameter", "Either GroupId or GroupName must be given");
  }
  const group = [...state.securityGroups.values()].find(
    (candidate) => candidate.name === groupName,
  );
  if (!group) {
    throw new Ec2Error(
      "InvalidGroup.NotFound",
      `The security group '${groupName}' does not exist in default VPC`,
    );
  }
  return group;
}
