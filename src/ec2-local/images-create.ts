// CreateImage snapshots every volume of an instance into a new image, as Packer's last build step.
import type { ActionContext, ActionHandler } from "./action-context.ts";
import { Ec2Error } from "./ec2-error.ts";
import { checkNewImageName, newOwnImage, newOwnSnapshot, startImage } from "./image-lifecycle.ts";
import { findInstance } from "./lookups.ts";
import type { ImageBlockDevice, Snapshot } from "./model.ts";
import { applyTags, newTags, tagsFromSpecifications } from "./tag-helpers.ts";

const CREATE_IMAGE_TAG_TYPES = ["image", "snapshot"];

function tagNewSnapshots(context: ActionContext, snapshots: readonly Snapshot[]): void {
  const inputs = tagsFromSpecifications({
    params: context.params,
    resourceType: "snapshot",
    allowedTypes: CREATE_IMAGE_TAG_TYPES,
  });
  for (const snapshot of snapshots) applyTags({ tags: snapshot.tags, inputs });
}

export const createImage: ActionHandler = (context) => {
  const { params, state, now } = context;
  const instance = findInstance(state, params.required("InstanceId"));
  const name = params.required("Name");
  if (instance.state !== "running" && instance.state !== "stopped") {
    throw new Ec2Error(
      "IncorrectInstanceState",
      `The instance '${instance.id}' is not in a state from which it can be imaged (${instance.state})`,
    );
  }
  checkNewImageName(state, name);
  const excluded = new Set(
    params
      .structs("BlockDeviceMapping")
      .filter((mapping) => mapping.get("NoDevice") !== undefined)
      .map((mapping) => mapping.required("DeviceName")),
  );
  const id = state.ids.next("ami");
  const newSnapshots: Snapshot[] = [];
  const blockDevices: ImageBlockDevice[] = [];
  for (const volumeId of instance.volumeIds) {
    const volume = state.volumes.get(volumeId);
    const device = volume?.attachment?.device;
    if (!volume || device === undefined || excluded.has(device)) continue;
    const snapshot = newOwnSnapshot({
      state,
      now,
      volumeId: volume.id,
      volumeSize: volume.size,
      description: `Created by CreateImage(${instance.id}) for ${id}`,
    });
    newSnapshots.push(snapshot);
    blockDevices.push({
      deviceName: device,
      snapshotId: snapshot.id,
      volumeSize: volume.size,
      volumeType: volume.volumeType,
      deleteOnTermination: volume.attachment?.deleteOnTermination ?? true,
    });
  }
  const sourceImage = state.images.get(instance.imageId);
  const image = newOwnImage({
    id,
    state,
    now,
    fields: {
      name,
      description: params.get("Description"),
      architecture: instance.architecture,
      virtualizationType: instance.virtualizationType,
      rootDeviceType: instance.rootDeviceType,
      rootDeviceName: instance.rootDeviceName,
      blockDevices,
      enaSupport: sourceImage?.enaSupport ?? instance.virtualizationType === "hvm",
      sriovNetSupport: sourceImage?.sriovNetSupport,
      kernelId: instance.kernelId,
      tags: newTags(
        tagsFromSpecifications({
          params,
          resourceType: "image",
          allowedTypes: CREATE_IMAGE_TAG_TYPES,
        }),
      ),
      source: undefined,
      sourceInstanceId: instance.id,
    },
  });
  tagNewSnapshots(context, newSnapshots);
  startImage({ context, state, image, newSnapshots });
  return { imageId: image.id };
};
