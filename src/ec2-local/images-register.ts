// RegisterImage builds an image from existing snapshots, with no instance involved.
import type { ActionContext, ActionHandler } from "./action-context.ts";
import { Ec2Error } from "./ec2-error.ts";
import { checkNewImageName, newOwnImage, startImage } from "./image-lifecycle.ts";
import { findOwnSnapshots } from "./lookups.ts";
import type { ImageBlockDevice } from "./model.ts";
import { newTags, tagsFromSpecifications } from "./tag-helpers.ts";

function registeredDevices(context: ActionContext): ImageBlockDevice[] {
  return context.params.structs("BlockDeviceMapping").map((mapping) => {
    const deviceName = mapping.required("DeviceName");
    const snapshotId = mapping.get("Ebs.SnapshotId");
    const snapshot = snapshotId ? findOwnSnapshots(context.state, [snapshotId])[0] : undefined;
    const volumeSize = mapping.int("Ebs.VolumeSize") ?? snapshot?.volumeSize ?? 8;
    return {
      deviceName,
      snapshotId,
      volumeSize,
      volumeType: mapping.get("Ebs.VolumeType") ?? "gp2",
      deleteOnTermination: mapping.bool("Ebs.DeleteOnTermination") ?? true,
    };
  });
}

export const registerImage: ActionHandler = (context) => {
  const { params, state, now } = context;
  const name = params.required("Name");
  checkNewImageName(state, name);
  const blockDevices = registeredDevices(context);
  const rootDeviceName = params.get("RootDeviceName") ?? blockDevices[0]?.deviceName ?? "/dev/sda1";
  if (!blockDevices.some((device) => device.deviceName === rootDeviceName && device.snapshotId)) {
    throw new Ec2Error(
      "InvalidBlockDeviceMapping",
      `The root device ${rootDeviceName} needs a block device mapping with a snapshot`,
    );
  }
  const virtualizationType = params.get("VirtualizationType") ?? "paravirtual";
  if (virtualizationType !== "hvm" && virtualizationType !== "paravirtual") {
    throw new Ec2Error(
      "InvalidParameterValue",
      `Invalid virtualization type '${virtualizationType}'`,
    );
  }
  const image = newOwnImage({
    id: state.ids.next("ami"),
    state,
    now,
    fields: {
      name,
      description: params.get("Description"),
      architecture: params.get("Architecture") ?? "x86_64",
      virtualizationType,
      rootDeviceType: "ebs",
      rootDeviceName,
      blockDevices,
      enaSupport: params.bool("EnaSupport") ?? false,
      sriovNetSupport: params.get("SriovNetSupport"),
      kernelId: params.get("KernelId"),
      tags: newTags(
        tagsFromSpecifications({ params, resourceType: "image", allowedTypes: ["image"] }),
      ),
      source: undefined,
      sourceInstanceId: undefined,
    },
  });
  startImage({ context, state, image, newSnapshots: [] });
  return { imageId: image.id };
};
