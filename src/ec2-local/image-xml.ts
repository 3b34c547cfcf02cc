// The `imagesSet/item` shape; Packer panics on an image without `rootDeviceType`, so it is always there.
import type { Image } from "./model.ts";
import { tagSetXml } from "./tag-helpers.ts";
import type { XmlFields } from "./xml.ts";

export function isImagePublic(image: Image): boolean {
  return image.launchPermission.groups.has("all");
}

export function imageBlockDevicesXml(image: Image): XmlFields[] {
  return image.blockDevices.map((device) => ({
    deviceName: device.deviceName,
    ebs: {
      snapshotId: device.snapshotId,
      volumeSize: device.volumeSize,
      deleteOnTermination: device.deleteOnTermination,
      volumeType: device.volumeType,
      encrypted: device.snapshotId === undefined ? undefined : false,
    },
  }));
}

/** `imageAllowed` appears only once Allowed AMIs is enabled or auditing. */
export function imageXml(image: Image, options: { imageAllowed?: boolean } = {}): XmlFields {
  return {
    imageId: image.id,
    imageLocation: `${image.ownerAlias ?? image.ownerId}/${image.name}`,
    imageState: image.state,
    imageOwnerId: image.ownerId,
    creationDate: image.creationDate,
    isPublic: isImagePublic(image),
    architecture: image.architecture,
    imageType: "machine",
    kernelId: image.kernelId,
    imageOwnerAlias: image.ownerAlias,
    name: image.name,
    description: image.description,
    rootDeviceType: image.rootDeviceType,
    rootDeviceName: image.rootDeviceName,
    blockDeviceMapping: imageBlockDevicesXml(image),
    virtualizationType: image.virtualizationType,
    tagSet: image.tags.size > 0 ? tagSetXml(image.tags) : undefined,
    hypervisor: "xen",
    enaSupport: image.enaSupport || undefined,
    sriovNetSupport: image.sriovNetSupport,
    stateReason: image.stateReason,
    sourceInstanceId: image.sourceInstanceId,
    sourceImageId: image.source?.imageId,
    sourceImageRegion: image.source?.region,
    deprecationTime: image.deprecationTime,
    imageAllowed: options.imageAllowed,
  };
}
