// RunInstances: Packer's source instance. Checks what real EC2 checks before anything is created.
// A Spot launch (InstanceMarketOptions, or an instant fleet's) goes the same way, with a one-time Spot
// request behind the instance.
// Over 200 lines: RunInstances is one action with many parameters, checked in EC2's order in one place.
import type { RegionAccount } from "./account-settings.ts";
import { type ActionContext, type ActionHandler, isoTime } from "./action-context.ts";
import { isImageUsable } from "./allowed-images.ts";
import { Ec2Error, invalidParameterValue } from "./ec2-error.ts";
import { checkInstanceType } from "./instance-types.ts";
import { reservationXml } from "./instance-xml.ts";
import { launchDevices } from "./launch-devices.ts";
import { launchNetwork } from "./launch-network.ts";
import { attachNewVolumes } from "./launch-volumes.ts";
import { findImage } from "./lookups.ts";
import type { Image, ImageBlockDevice, Instance, SecurityGroup, Subnet } from "./model.ts";
import type { QueryParams, TagInput } from "./query-params.ts";
import { DEFAULT_INSTANCE_TYPE, rememberRun, replayedRun } from "./run-tokens.ts";
import { type SpotMarket, spotMarketOf, startSpotRequest } from "./spot-requests.ts";
import type { RegionState } from "./state.ts";
import { newTags, tagsFromSpecifications } from "./tag-helpers.ts";
import { checkUserData } from "./user-data.ts";

const MAX_INSTANCES_PER_CALL = 20;
const RUN_TAG_TYPES = [
  "instance",
  "volume",
  "network-interface",
  "spot-instances-request",
  "elastic-gpu",
];

interface Launch {
  image: Image;
  instanceType: string;
  reservationId: string;
  network: { subnet: Subnet; groups: SecurityGroup[] };
  devices: readonly ImageBlockDevice[];
  tags: { instance: TagInput[]; volume: TagInput[]; spotRequest: TagInput[] };
  userData: string | undefined;
  spot: SpotMarket | undefined;
}

// Deprecation does not matter here (a deprecated image launches by id); Allowed AMIs does.
function launchableImage(options: {
  state: RegionState;
  imageId: string;
  account: RegionAccount;
}): Image {
  const { state, imageId, account } = options;
  const image = findImage(state, imageId, (candidate) => isImageUsable(candidate, account));
  if (image.state !== "available") {
    throw new Ec2Error(
      "InvalidAMIID.Unavailable",
      `The image id '[${imageId}]' is not available (${image.state})`,
    );
  }
  return image;
}

// What EC2 answers for a type the region does not offer at all (a zone without it names other zones).
function checkOffered(instanceType: string, account: RegionAccount): void {
  if (!account.instanceTypeOffered(instanceType)) {
    throw new Ec2Error(
      "Unsupported",
      "The requested configuration is currently not supported. Please check the documentation for supported configurations.",
    );
  }
}

function instanceCount(params: QueryParams): number {
  const min = params.int("MinCount") ?? 1;
  const max = params.int("MaxCount") ?? min;
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

function checkKeyName(state: RegionState, keyName: string | undefined): void {
  if (keyName !== undefined && !state.keyPairs.has(keyName)) {
    throw new Ec2Error("InvalidKeyPair.NotFound", `The key pair '${keyName}' does not exist`);
  }
}

// Addresses come from a per-region count, so they are stable across runs too.
function addresses(subnet: Subnet, ordinal: number): { privateIp: string; publicIp: string } {
  const base = Number(subnet.cidrBlock.split(".")[2] ?? 0);
  return {
    privateIp: `172.31.${base + Math.floor(ordinal / 250)}.${(ordinal % 250) + 4}`,
    publicIp: `198.51.100.${(ordinal % 254) + 1}`,
  };
}

function launchInstance(options: {
  context: ActionContext;
  launch: Launch;
  launchIndex: number;
}): Instance {
  const { context, launch, launchIndex } = options;
  const { state, now, params, delays } = context;
  const { image, network } = launch;
  const id = state.ids.next("i");
  const volumes = attachNewVolumes({
    context,
    instanceId: id,
    devices: launch.devices,
    zone: network.subnet.availabilityZone,
    volumeTags: launch.tags.volume,
  });
  const instance: Instance = {
    id,
    region: state.region,
    reservationId: launch.reservationId,
    imageId: image.id,
    instanceType: launch.instanceType,
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
    tags: newTags(launch.tags.instance),
    ...(launch.userData !== undefined ? { userData: launch.userData } : {}),
    ...launchedRoot(launch),
  };
  if (launch.spot) {
    const request = startSpotRequest({
      context,
      instance,
      market: launch.spot,
      tags: launch.tags.spotRequest,
    });
    instance.lifecycle = "spot";
    instance.spotInstanceRequestId = request.id;
  }
  state.instances.set(id, instance);
  return instance;
}

// Everything is checked before the first id is handed out, so a refused call changes nothing.
function planLaunch(context: ActionContext): Omit<Launch, "reservationId"> {
  const { params, state, account } = context;
  const image = launchableImage({ state, imageId: params.required("ImageId"), account });
  const instanceType = params.get("InstanceType") ?? DEFAULT_INSTANCE_TYPE;
  checkInstanceType({
    instanceType,
    virtualizationType: image.virtualizationType,
    architecture: image.architecture,
  });
  checkOffered(instanceType, account);
  checkKeyName(state, params.get("KeyName"));
  const userData = params.get("UserData");
  if (userData !== undefined) checkUserData(userData);
  const readTags = (resourceType: string) =>
    tagsFromSpecifications({ params, resourceType, allowedTypes: RUN_TAG_TYPES });
  return {
    image,
    instanceType,
    network: launchNetwork({ state, params }),
    devices: launchDevices({ image, params }),
    tags: {
      instance: readTags("instance"),
      volume: readTags("volume"),
      spotRequest: readTags("spot-instances-request"),
    },
    userData,
    spot: spotMarketOf(params),
  };
}

function launchedRoot(launch: Launch): Pick<Instance, "launchedRootVolume"> {
  const root = launch.devices.find((d) => d.deviceName === launch.image.rootDeviceName);
  if (!root) return {};
  return {
    launchedRootVolume: {
      deviceName: root.deviceName,
      size: root.volumeSize,
      volumeType: root.volumeType,
    },
  };
}

/** Launches `count` instances as one reservation; every check happens before the first is made. */
export function launchInstances(context: ActionContext, count: number): Instance[] {
  const launch: Launch = { ...planLaunch(context), reservationId: context.state.ids.next("r") };
  return Array.from({ length: count }, (_, launchIndex) =>
    launchInstance({ context, launch, launchIndex }),
  );
}

export const runInstances: ActionHandler = (context) => {
  const replay = replayedRun(context);
  if (replay) return replay;
  const instances = launchInstances(context, instanceCount(context.params));
  const [first] = instances;
  if (!first) throw new Error("a launch made no instance");
  rememberRun(context, {
    reservationId: first.reservationId,
    instanceIds: instances.map((instance) => instance.id),
    imageId: first.imageId,
    instanceType: first.instanceType,
  });
  return reservationXml({ reservationId: first.reservationId, instances, state: context.state });
};
