// RunInstances: Packer's source instance. Checks what real EC2 checks before anything is created.
import { type ActionContext, type ActionHandler, isoTime } from "./action-context.ts";
import { Ec2Error, invalidParameterValue } from "./ec2-error.ts";
import { checkInstanceType } from "./instance-types.ts";
import { reservationXml } from "./instance-xml.ts";
import { launchDevices } from "./launch-devices.ts";
import { launchNetwork } from "./launch-network.ts";
import { findImage, findInstances } from "./lookups.ts";
import type { Image, ImageBlockDevice, Instance, SecurityGroup, Subnet, Volume } from "./model.ts";
import type { QueryParams, TagInput } from "./query-params.ts";
import type { RegionState } from "./state.ts";
import { newTags, tagsFromSpecifications } from "./tag-helpers.ts";
import type { XmlFields } from "./xml.ts";

const MAX_INSTANCES_PER_CALL = 20;
const RUN_TAG_TYPES = [
  "instance",
  "volume",
  "network-interface",
  "spot-instances-request",
  "elastic-gpu",
];

function launchableImage(state: RegionState, imageId: string): Image {
  const image = findImage(state, imageId);
  if (image.state !== "available") {
    throw new Ec2Error(
      "InvalidAMIID.Unavailable",
      `The image id '[${imageId}]' is not available (${image.state})`,
    );
  }
  return image;
}

function instanceCount(context: ActionContext): number {
  const min = context.params.int("MinCount") ?? 1;
  const max = context.params.int("MaxCount") ?? min;
  if (min < 1 || max < min)
    throw invalidParameterValue(`Invalid MinCount ${min} / MaxCount ${max}`);
  if (min > MAX_INSTANCES_PER_CALL) {
    throw new Ec2Error(
      "InstanceLimitExceeded",
      `Your quota allows for ${MAX_INSTANCES_PER_CALL} more running instance(s). You requested at least ${min}`,
    );
  }
  return Math.min(max, MAX_INSTANCES_PER_CALL);
}

// Addresses are derived from a per-region ordinal, so they are stable across runs too.
function addresses(subnet: Subnet, ordinal: number): { privateIp: string; publicIp: string } {
  const base = Number(subnet.cidrBlock.split(".")[2] ?? 0);
  return {
    privateIp: `172.31.${base + Math.floor(ordinal / 250)}.${(ordinal % 250) + 4}`,
    publicIp: `198.51.100.${(ordinal % 254) + 1}`,
  };
}

interface LaunchTags {
  instance: TagInput[];
  volume: TagInput[];
}

function launchTags(params: QueryParams): LaunchTags {
  const read = (resourceType: string) =>
    tagsFromSpecifications({ params, resourceType, allowedTypes: RUN_TAG_TYPES });
  return { instance: read("instance"), volume: read("volume") };
}

function attachVolumes(options: {
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

function launchInstance(options: {
  context: ActionContext;
  image: Image;
  reservationId: string;
  launchIndex: number;
  network: { subnet: Subnet; groups: SecurityGroup[] };
  devices: readonly ImageBlockDevice[];
  tags: LaunchTags;
}): Instance {
  const { context, image, reservationId, launchIndex, network, devices, tags } = options;
  const { state, now, params, delays } = context;
  const id = state.ids.next("i");
  const volumes = attachVolumes({
    context,
    instanceId: id,
    devices,
    zone: network.subnet.availabilityZone,
    volumeTags: tags.volume,
  });
  const instance: Instance = {
    id,
    region: state.region,
    reservationId,
    imageId: image.id,
    instanceType: params.get("InstanceType") ?? "m1.small",
    state: "pending",
    transition: { at: now + delays.instanceMs, to: "running" },
    stateReason: "",
    launchTime: isoTime(now),
    launchIndex,
    keyName: params.get("KeyName"),
    securityGroupIds: network.groups.map((group) => group.id),
    subnetId: network.subnet.id,
    vpcId: network.subnet.vpcId,
    availabilityZone: network.subnet.availabilityZone,
    ...addresses(network.subnet, state.instances.size),
    clientToken: params.get("ClientToken"),
    architecture: image.architecture,
    virtualizationType: image.virtualizationType,
    rootDeviceType: image.rootDeviceType,
    rootDeviceName: image.rootDeviceName,
    kernelId: image.kernelId,
    volumeIds: volumes.map((volume) => volume.id),
    tags: newTags(tags.instance),
  };
  state.instances.set(id, instance);
  return instance;
}

// A retried RunInstances with the same ClientToken gets the first call's instances, not new ones.
function replayedRun(context: ActionContext): XmlFields | undefined {
  const { params, state } = context;
  const token = params.get("ClientToken");
  const record = token === undefined ? undefined : state.runTokens.get(token);
  if (!record) return undefined;
  if (
    record.imageId !== params.get("ImageId") ||
    record.instanceType !== (params.get("InstanceType") ?? "m1.small")
  ) {
    throw new Ec2Error(
      "IdempotentParameterMismatch",
      `The client token '${token}' was already used with different parameters`,
    );
  }
  const instances = findInstances(state, record.instanceIds);
  return reservationXml({ reservationId: record.reservationId, instances, state });
}

function checkKeyName(state: RegionState, keyName: string | undefined): void {
  if (keyName !== undefined && !state.keyPairs.has(keyName)) {
    throw new Ec2Error("InvalidKeyPair.NotFound", `The key pair '${keyName}' does not exist`);
  }
}

export const runInstances: ActionHandler = (context) => {
  const { params, state } = context;
  const replay = replayedRun(context);
  if (replay) return replay;

  const image = launchableImage(state, params.required("ImageId"));
  const instanceType = params.get("InstanceType") ?? "m1.small";
  checkInstanceType({
    instanceType,
    virtualizationType: image.virtualizationType,
    architecture: image.architecture,
  });
  checkKeyName(state, params.get("KeyName"));
  const count = instanceCount(context);
  const network = launchNetwork({ state, params });
  const devices = launchDevices({ image, params });
  const tags = launchTags(params);

  const reservationId = state.ids.next("r");
  const instances = Array.from({ length: count }, (_, launchIndex) =>
    launchInstance({ context, image, reservationId, launchIndex, network, devices, tags }),
  );
  const token = params.get("ClientToken");
  if (token !== undefined) {
    state.runTokens.set(token, {
      reservationId,
      instanceIds: instances.map((instance) => instance.id),
      imageId: image.id,
      instanceType,
    });
  }
  return reservationXml({ reservationId, instances, state });
};
