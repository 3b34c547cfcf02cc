// Volumes exist while an instance runs; Packer's cleanup lists them after termination.
import type { ActionHandler } from "./action-context.ts";
import { Ec2Error } from "./ec2-error.ts";
import { applyFilters, type FilterSpec } from "./filters.ts";
import { findVolume, findVolumes } from "./lookups.ts";
import type { Volume } from "./model.ts";
import { paginate } from "./pagination.ts";
import { tagSetXml } from "./tag-helpers.ts";
import type { XmlFields } from "./xml.ts";

const VOLUME_FILTERS: FilterSpec<Volume> = {
  fields: {
    "attachment.attach-time": (volume) => volume.attachment?.attachTime,
    "attachment.delete-on-termination": (volume) => volume.attachment?.deleteOnTermination,
    "attachment.device": (volume) => volume.attachment?.device,
    "attachment.instance-id": (volume) => volume.attachment?.instanceId,
    "attachment.status": (volume) => (volume.attachment ? "attached" : undefined),
    "availability-zone": (volume) => volume.availabilityZone,
    "create-time": (volume) => volume.createTime,
    encrypted: () => false,
    size: (volume) => volume.size,
    "snapshot-id": (volume) => volume.snapshotId,
    status: (volume) => volume.state,
    "volume-id": (volume) => volume.id,
    "volume-type": (volume) => volume.volumeType,
  },
  tags: (volume) => volume.tags,
};

function volumeXml(volume: Volume): XmlFields {
  const attachment = volume.attachment;
  return {
    volumeId: volume.id,
    size: volume.size,
    snapshotId: volume.snapshotId ?? "",
    availabilityZone: volume.availabilityZone,
    status: volume.state,
    createTime: volume.createTime,
    attachmentSet: attachment
      ? [
          {
            volumeId: volume.id,
            instanceId: attachment.instanceId,
            device: attachment.device,
            status: "attached",
            attachTime: attachment.attachTime,
            deleteOnTermination: attachment.deleteOnTermination,
          },
        ]
      : [],
    volumeType: volume.volumeType,
    encrypted: false,
    multiAttachEnabled: false,
    tagSet: volume.tags.size > 0 ? tagSetXml(volume.tags) : undefined,
  };
}

export const describeVolumes: ActionHandler = ({ params, state }) => {
  const ids = params.list("VolumeId");
  const candidates = ids.length > 0 ? findVolumes(state, ids) : [...state.volumes.values()];
  const matching = applyFilters({
    items: candidates,
    filters: params.filters(),
    spec: VOLUME_FILTERS,
  });
  const { page, nextToken } = paginate({ items: matching, params });
  return { volumeSet: page.map(volumeXml), nextToken };
};

export const deleteVolume: ActionHandler = ({ params, state }) => {
  const volume = findVolume(state, params.required("VolumeId"));
  if (volume.attachment) {
    throw new Ec2Error(
      "VolumeInUse",
      `Volume ${volume.id} is currently attached to ${volume.attachment.instanceId}`,
    );
  }
  if (volume.state === "deleting") {
    throw new Ec2Error("IncorrectState", `The volume '${volume.id}' is already being deleted`);
  }
  state.volumes.delete(volume.id);
  return { return: true };
};
