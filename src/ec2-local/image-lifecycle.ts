// New images (created, registered, copied) all start pending and end available, or failed when injected.
import { LOCAL_ACCOUNT_ID } from "./accounts.ts";
import { type ActionContext, isoTime } from "./action-context.ts";
import { Ec2Error } from "./ec2-error.ts";
import type { Image, Snapshot } from "./model.ts";
import type { RegionState } from "./state.ts";

const IMAGE_NAME = /^[a-zA-Z0-9()[\] ./\-'@_]{3,128}$/;

// EC2 refuses a name it could not store, and a second own image with the same name in a region.
export function checkNewImageName(state: RegionState, name: string): void {
  if (!IMAGE_NAME.test(name)) {
    throw new Ec2Error(
      "InvalidAMIName.Malformed",
      `AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/', '_', '[', ']', ' ', '@' and "'": ${JSON.stringify(name)}`,
    );
  }
  for (const image of state.images.values()) {
    if (image.ownerId === LOCAL_ACCOUNT_ID && image.name === name) {
      throw new Ec2Error(
        "InvalidAMIName.Duplicate",
        `AMI name ${name} is already in use by AMI ${image.id}`,
      );
    }
  }
}

export type NewImageFields = Pick<
  Image,
  | "name"
  | "description"
  | "architecture"
  | "virtualizationType"
  | "rootDeviceType"
  | "rootDeviceName"
  | "blockDevices"
  | "enaSupport"
  | "sriovNetSupport"
  | "kernelId"
  | "tags"
  | "source"
  | "sourceInstanceId"
>;

export function newOwnImage(options: {
  id: string;
  state: RegionState;
  now: number;
  fields: NewImageFields;
}): Image {
  const { id, state, now, fields } = options;
  return {
    ...fields,
    id,
    region: state.region,
    ownerId: LOCAL_ACCOUNT_ID,
    ownerAlias: undefined,
    creationDate: isoTime(now),
    state: "pending",
    transition: undefined,
    stateReason: undefined,
    launchPermission: { groups: new Set(), userIds: new Set() },
    deprecationTime: undefined,
  };
}

export function newOwnSnapshot(options: {
  state: RegionState;
  now: number;
  volumeId: string;
  volumeSize: number;
  description: string;
}): Snapshot {
  const { state, now, volumeId, volumeSize, description } = options;
  const snapshot: Snapshot = {
    id: state.ids.next("snap"),
    region: state.region,
    volumeId,
    state: "pending",
    transition: undefined,
    startTime: isoTime(now),
    ownerId: LOCAL_ACCOUNT_ID,
    ownerAlias: undefined,
    volumeSize,
    description,
    tags: new Map(),
  };
  state.snapshots.set(snapshot.id, snapshot);
  return snapshot;
}

/** Stores a new image and schedules it (and its new snapshots) to finish, or to fail if injected. */
export function startImage(options: {
  context: ActionContext;
  state: RegionState;
  image: Image;
  newSnapshots: readonly Snapshot[];
}): void {
  const { context, state, image, newSnapshots } = options;
  const fails = context.shouldImageFail({ region: state.region, id: image.id, name: image.name });
  const at = context.now + context.delays.imageMs;
  image.transition = { at, to: fails ? "failed" : "available" };
  for (const snapshot of newSnapshots)
    snapshot.transition = { at, to: fails ? "error" : "completed" };
  state.images.set(image.id, image);
}
