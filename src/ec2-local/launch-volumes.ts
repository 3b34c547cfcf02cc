// Each block device of a launch becomes a volume attached to the new instance.
import { type ActionContext, isoTime } from "./action-context.ts";
import type { ImageBlockDevice, Volume } from "./model.ts";
import type { TagInput } from "./query-params.ts";
import { newTags } from "./tag-helpers.ts";

export function attachNewVolumes(options: {
  context: ActionContext;
  instanceId: string;
  devices: readonly ImageBlockDevice[];
  zone: string;
  volumeTags: readonly TagInput[];
}): Volume[] {
  const { context, instanceId, devices, zone, volumeTags } = options;
  const { state, now } = context;
  return devices.map((device) => {
    const volume: Volume = {
      id: state.ids.next("vol"),
      region: state.region,
      size: device.volumeSize,
      snapshotId: device.snapshotId,
      availabilityZone: zone,
      state: "in-use",
      removeAt: undefined,
      createTime: isoTime(now),
      volumeType: device.volumeType,
      attachment: {
        instanceId,
        device: device.deviceName,
        attachTime: isoTime(now),
        deleteOnTermination: device.deleteOnTermination,
      },
      tags: newTags(volumeTags),
    };
    state.volumes.set(volume.id, volume);
    return volume;
  });
}
