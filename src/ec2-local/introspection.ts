// What tests (and the /_ec2local/state endpoint) can see without going through the EC2 API.
import { LOCAL_ACCOUNT_ID } from "./accounts.ts";
import { isImagePublic } from "./image-xml.ts";
import type { ImageState, InstanceStateName, SnapshotState, VolumeState } from "./model.ts";
import type { RegionState } from "./state.ts";
import { decodeUserData } from "./user-data.ts";

export interface InstanceSummary {
  id: string;
  region: string;
  state: InstanceStateName;
  imageId: string;
  instanceType: string;
  keyName: string | undefined;
  securityGroupIds: string[];
  tags: Record<string, string>;
  /** `spot`, or absent for on-demand. */
  lifecycle: "spot" | undefined;
  subnetId: string;
  /** The root volume's size and type, as launched (also once the instance is terminated). */
  rootVolume: { deviceName: string; size: number; volumeType: string } | undefined;
  /** Decoded. */
  userData: string | undefined;
}

export interface LaunchTemplateSummary {
  id: string;
  region: string;
  name: string;
  createTime: string;
  tags: Record<string, string>;
}

export interface SpotRequestSummary {
  id: string;
  region: string;
  state: string;
  status: string;
  instanceId: string;
  tags: Record<string, string>;
}

export interface ImageSummary {
  id: string;
  region: string;
  name: string;
  state: ImageState;
  ownerId: string;
  public: boolean;
  launchPermission: { groups: string[]; userIds: string[] };
  snapshotIds: string[];
  creationDate: string;
  virtualizationType: string;
  source: { region: string; imageId: string } | undefined;
  sourceInstanceId: string | undefined;
  tags: Record<string, string>;
}

export interface SecurityGroupSummary {
  id: string;
  region: string;
  name: string;
  vpcId: string;
  ingress: { ipProtocol: string; fromPort?: number; toPort?: number; cidrs: string[] }[];
}

export interface KeyPairSummary {
  id: string;
  region: string;
  name: string;
}

export interface SnapshotSummary {
  id: string;
  region: string;
  state: SnapshotState;
  volumeSize: number;
  description: string;
  tags: Record<string, string>;
}

export interface VolumeSummary {
  id: string;
  region: string;
  state: VolumeState;
  instanceId: string | undefined;
}

export interface RegionReport {
  instances: InstanceSummary[];
  /** Own images only; the seeded public ones are not listed. */
  images: ImageSummary[];
  /** Created groups only, not the VPC's `default`. */
  securityGroups: SecurityGroupSummary[];
  keyPairs: KeyPairSummary[];
  /** Own snapshots only. */
  snapshots: SnapshotSummary[];
  volumes: VolumeSummary[];
  launchTemplates: LaunchTemplateSummary[];
  spotRequests: SpotRequestSummary[];
}

export function regionReport(state: RegionState): RegionReport {
  const region = state.region;
  return {
    instances: [...state.instances.values()].map((instance) => ({
      id: instance.id,
      region,
      state: instance.state,
      imageId: instance.imageId,
      instanceType: instance.instanceType,
      keyName: instance.keyName,
      securityGroupIds: [...instance.securityGroupIds],
      tags: Object.fromEntries(instance.tags),
      lifecycle: instance.lifecycle,
      subnetId: instance.subnetId,
      rootVolume: instance.launchedRootVolume,
      userData: decodeUserData(instance.userData),
    })),
    images: [...state.images.values()]
      .filter((image) => image.ownerId === LOCAL_ACCOUNT_ID)
      .map((image) => ({
        id: image.id,
        region,
        name: image.name,
        state: image.state,
        ownerId: image.ownerId,
        public: isImagePublic(image),
        launchPermission: {
          groups: [...image.launchPermission.groups],
          userIds: [...image.launchPermission.userIds],
        },
        snapshotIds: image.blockDevices.flatMap((device) => device.snapshotId ?? []),
        creationDate: image.creationDate,
        virtualizationType: image.virtualizationType,
        source: image.source,
        sourceInstanceId: image.sourceInstanceId,
        tags: Object.fromEntries(image.tags),
      })),
    securityGroups: [...state.securityGroups.values()]
      .filter((group) => !group.isDefault)
      .map((group) => ({
        id: group.id,
        region,
        name: group.name,
        vpcId: group.vpcId,
        ingress: group.ingress.map(({ ipProtocol, fromPort, toPort, cidrs }) => ({
          ipProtocol,
          fromPort,
          toPort,
          cidrs: [...cidrs],
        })),
      })),
    keyPairs: [...state.keyPairs.values()].map((key) => ({ id: key.id, region, name: key.name })),
    snapshots: [...state.snapshots.values()]
      .filter((snapshot) => snapshot.ownerId === LOCAL_ACCOUNT_ID)
      .map((snapshot) => ({
        id: snapshot.id,
        region,
        state: snapshot.state,
        volumeSize: snapshot.volumeSize,
        description: snapshot.description,
        tags: Object.fromEntries(snapshot.tags),
      })),
    volumes: [...state.volumes.values()].map((volume) => ({
      id: volume.id,
      region,
      state: volume.state,
      instanceId: volume.attachment?.instanceId,
    })),
    launchTemplates: [...state.launchTemplates.values()].map((template) => ({
      id: template.id,
      region,
      name: template.name,
      createTime: template.createTime,
      tags: Object.fromEntries(template.tags),
    })),
    spotRequests: [...state.spotRequests.values()].map((request) => ({
      id: request.id,
      region,
      state: request.state,
      status: request.status,
      instanceId: request.instanceId,
      tags: Object.fromEntries(request.tags),
    })),
  };
}
