// CopyImage is signed for the destination region and names the source region; `ami_regions` relies on it.
import type { ActionHandler } from "./action-context.ts";
import { Ec2Error } from "./ec2-error.ts";
import { checkNewImageName, newOwnImage, newOwnSnapshot, startImage } from "./image-lifecycle.ts";
import { findImage } from "./lookups.ts";
import type { ImageBlockDevice, Snapshot, Tags } from "./model.ts";
import { applyTags, newTags, tagsFromSpecifications } from "./tag-helpers.ts";

const COPY_TAG_TYPES = ["image", "snapshot"];

export const copyImage: ActionHandler = (context) => {
  const { params, state, regions, now } = context;
  const sourceRegionName = params.required("SourceRegion");
  const sourceRegion = regions.get(sourceRegionName);
  if (!sourceRegion) {
    throw new Ec2Error(
      "InvalidParameterValue",
      `Invalid value '${sourceRegionName}' for SourceRegion`,
    );
  }
  const source = findImage(sourceRegion, params.required("SourceImageId"));
  const name = params.required("Name");
  if (source.state !== "available") {
    throw new Ec2Error(
      "IncorrectState",
      `Image ${source.id} in ${sourceRegionName} is ${source.state}; only available images can be copied`,
    );
  }
  checkNewImageName(state, name);

  const id = state.ids.next("ami");
  const newSnapshots: Snapshot[] = [];
  const blockDevices: ImageBlockDevice[] = source.blockDevices.map((device) => {
    if (device.snapshotId === undefined) return { ...device };
    const snapshot = newOwnSnapshot({
      state,
      now,
      volumeId: "vol-ffffffff",
      volumeSize: device.volumeSize,
      description: `Copied for DestinationAmi ${id} from SourceAmi ${source.id} for SourceSnapshot ${device.snapshotId}. Task created on ${now}.`,
    });
    newSnapshots.push(snapshot);
    return { ...device, snapshotId: snapshot.id };
  });

  const copiedTags: Tags = params.bool("CopyImageTags") ? new Map(source.tags) : new Map();
  const tags = newTags(
    tagsFromSpecifications({ params, resourceType: "image", allowedTypes: COPY_TAG_TYPES }),
  );
  const snapshotTags = tagsFromSpecifications({
    params,
    resourceType: "snapshot",
    allowedTypes: COPY_TAG_TYPES,
  });
  for (const snapshot of newSnapshots) applyTags({ tags: snapshot.tags, inputs: snapshotTags });

  const image = newOwnImage({
    id,
    state,
    now,
    fields: {
      name,
      description: params.get("Description") ?? source.description,
      architecture: source.architecture,
      virtualizationType: source.virtualizationType,
      rootDeviceType: source.rootDeviceType,
      rootDeviceName: source.rootDeviceName,
      blockDevices,
      enaSupport: source.enaSupport,
      sriovNetSupport: source.sriovNetSupport,
      kernelId: source.kernelId,
      tags: new Map([...copiedTags, ...tags]),
      source: { region: sourceRegionName, imageId: source.id },
      sourceInstanceId: undefined,
    },
  });
  startImage({ context, state, image, newSnapshots });
  return { imageId: image.id };
};
