// The volumes an instance gets: the image's block devices, changed by the request's BlockDeviceMapping.N.
import { Ec2Error } from "./ec2-error.ts";
import type { Image, ImageBlockDevice } from "./model.ts";
import type { QueryParams } from "./query-params.ts";

function smallerThanSnapshot(device: ImageBlockDevice, size: number): Ec2Error {
  return new Ec2Error(
    "InvalidBlockDeviceMapping",
    `Volume of size ${size}GB is smaller than snapshot '${device.snapshotId}', expect size >= ${device.volumeSize}GB`,
  );
}

function applyMapping(devices: Map<string, ImageBlockDevice>, mapping: QueryParams): void {
  const deviceName = mapping.required("DeviceName");
  if (mapping.get("NoDevice") !== undefined) {
    devices.delete(deviceName);
    return;
  }
  const ebs = mapping.sub("Ebs");
  if (ebs.isEmpty()) return;
  const existing = devices.get(deviceName);
  const size = ebs.int("VolumeSize");
  if (existing) {
    if (size !== undefined && size < existing.volumeSize) throw smallerThanSnapshot(existing, size);
    devices.set(deviceName, {
      ...existing,
      volumeSize: size ?? existing.volumeSize,
      volumeType: ebs.get("VolumeType") ?? existing.volumeType,
      deleteOnTermination: ebs.bool("DeleteOnTermination") ?? existing.deleteOnTermination,
    });
    return;
  }
  if (size === undefined && ebs.get("SnapshotId") === undefined) {
    throw new Ec2Error(
      "InvalidBlockDeviceMapping",
      `The device ${deviceName} needs a VolumeSize or a SnapshotId`,
    );
  }
  devices.set(deviceName, {
    deviceName,
    snapshotId: ebs.get("SnapshotId"),
    volumeSize: size ?? 8,
    volumeType: ebs.get("VolumeType") ?? "gp2",
    deleteOnTermination: ebs.bool("DeleteOnTermination") ?? true,
  });
}

export function launchDevices(options: { image: Image; params: QueryParams }): ImageBlockDevice[] {
  const { image, params } = options;
  const devices = new Map(image.blockDevices.map((device) => [device.deviceName, { ...device }]));
  for (const mapping of params.structs("BlockDeviceMapping")) applyMapping(devices, mapping);
  return [...devices.values()];
}
