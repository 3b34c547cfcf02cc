// The resources one region holds, as plain data; handlers change them, renderers turn them into XML.
// Over 200 lines: the data model of every resource ec2-local holds, types only.

export type Tags = Map<string, string>;

/** A state that will change by itself at time `at` (ms since epoch). */
export interface Transition<S extends string> {
  at: number;
  to: S;
}

export type ImageState = "pending" | "available" | "failed";
export type VirtualizationType = "hvm" | "paravirtual";

export interface ImageBlockDevice {
  deviceName: string;
  snapshotId: string | undefined;
  volumeSize: number;
  volumeType: string;
  deleteOnTermination: boolean;
}

export interface Image {
  id: string;
  region: string;
  name: string;
  description: string | undefined;
  ownerId: string;
  ownerAlias: string | undefined;
  creationDate: string;
  state: ImageState;
  transition: Transition<ImageState> | undefined;
  stateReason: { code: string; message: string } | undefined;
  architecture: string;
  virtualizationType: VirtualizationType;
  rootDeviceType: "ebs" | "instance-store";
  rootDeviceName: string;
  blockDevices: ImageBlockDevice[];
  enaSupport: boolean;
  sriovNetSupport: string | undefined;
  kernelId: string | undefined;
  launchPermission: { groups: Set<string>; userIds: Set<string> };
  /** ISO time from which the image is deprecated (EnableImageDeprecation, or AWS for its old images). */
  deprecationTime: string | undefined;
  tags: Tags;
  /** Set on images made by CopyImage. */
  source: { region: string; imageId: string } | undefined;
  /** Set on images made by CreateImage. */
  sourceInstanceId: string | undefined;
}

export type SnapshotState = "pending" | "completed" | "error";

export interface Snapshot {
  id: string;
  region: string;
  volumeId: string;
  state: SnapshotState;
  transition: Transition<SnapshotState> | undefined;
  startTime: string;
  ownerId: string;
  ownerAlias: string | undefined;
  volumeSize: number;
  description: string;
  tags: Tags;
}

export type VolumeState = "creating" | "available" | "in-use" | "deleting";

export interface VolumeAttachment {
  instanceId: string;
  device: string;
  attachTime: string;
  deleteOnTermination: boolean;
}

export interface Volume {
  id: string;
  region: string;
  size: number;
  snapshotId: string | undefined;
  availabilityZone: string;
  state: VolumeState;
  /** A deleting volume disappears at this time. */
  removeAt: number | undefined;
  createTime: string;
  volumeType: string;
  attachment: VolumeAttachment | undefined;
  tags: Tags;
}

export type InstanceStateName =
  | "pending"
  | "running"
  | "shutting-down"
  | "terminated"
  | "stopping"
  | "stopped";

export const INSTANCE_STATE_CODES: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  "shutting-down": 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export interface Instance {
  id: string;
  region: string;
  reservationId: string;
  imageId: string;
  instanceType: string;
  state: InstanceStateName;
  transition: Transition<InstanceStateName> | undefined;
  stateReason: string;
  launchTime: string;
  launchIndex: number;
  keyName: string | undefined;
  securityGroupIds: string[];
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  privateIp: string;
  publicIp: string;
  clientToken: string | undefined;
  architecture: string;
  virtualizationType: VirtualizationType;
  rootDeviceType: "ebs" | "instance-store";
  rootDeviceName: string;
  kernelId: string | undefined;
  volumeIds: string[];
  tags: Tags;
  /** `spot` for a Spot instance; on-demand instances have none, as in EC2. */
  lifecycle?: "spot";
  spotInstanceRequestId?: string;
  /** Base64, as the launch sent it. */
  userData?: string;
  /** The root volume as launched (kept after termination, when the volume itself is gone). */
  launchedRootVolume?: { deviceName: string; size: number; volumeType: string };
}

/** A launch template: its data kept as sent, under RunInstances' own parameter names. */
export interface LaunchTemplate {
  id: string;
  region: string;
  name: string;
  createTime: string;
  /** `LaunchTemplateData.*` with the prefix removed (ImageId, InstanceType, BlockDeviceMapping.1.…). */
  data: ReadonlyMap<string, string>;
  tags: Tags;
}

export type SpotRequestState = "open" | "active" | "closed" | "cancelled" | "failed";

/** The one-time Spot request behind each Spot instance of an instant fleet. */
export interface SpotInstanceRequest {
  id: string;
  region: string;
  state: SpotRequestState;
  /** EC2's status code: fulfilled, instance-terminated-by-user… */
  status: string;
  instanceId: string;
  instanceType: string;
  /** USD per hour; absent: at most the on-demand price. */
  maxPrice: string | undefined;
  createTime: string;
  tags: Tags;
}

/** An EC2 Fleet; ec2-local makes instant ones, which launch once and keep nothing running. */
export interface Fleet {
  id: string;
  region: string;
  type: "instant";
  createTime: string;
  instanceIds: string[];
  tags: Tags;
}

export interface IpPermission {
  ipProtocol: string;
  fromPort: number | undefined;
  toPort: number | undefined;
  cidrs: string[];
  groupIds: string[];
}

export interface SecurityGroup {
  id: string;
  region: string;
  name: string;
  description: string;
  vpcId: string;
  ownerId: string;
  isDefault: boolean;
  ingress: IpPermission[];
  egress: IpPermission[];
  tags: Tags;
}

export interface KeyPair {
  id: string;
  region: string;
  name: string;
  fingerprint: string;
  keyType: string;
  createTime: string;
  tags: Tags;
}

export interface Vpc {
  id: string;
  cidrBlock: string;
  isDefault: boolean;
  tags: Tags;
}

export interface Subnet {
  id: string;
  vpcId: string;
  availabilityZone: string;
  availabilityZoneId: string;
  cidrBlock: string;
  defaultForAz: boolean;
  tags: Tags;
}
