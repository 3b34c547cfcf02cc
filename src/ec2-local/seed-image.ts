// A public image every region starts with, and how it becomes an Image (and its snapshot) in a region.
import { derivedId } from "./ids.ts";
import type { Image, Snapshot, VirtualizationType } from "./model.ts";

export interface SeedImage {
  name: string;
  description: string;
  creationDate: string;
  virtualizationType: VirtualizationType;
  architecture: "x86_64" | "arm64";
  rootDeviceType: "ebs" | "instance-store";
  volumeType: "gp2" | "gp3" | "standard";
  ownerId: string;
  ownerAlias: "amazon" | undefined;
  /** Defaults to `/dev/xvda` for HVM (Amazon Linux) and `/dev/sda1` for PV. */
  rootDeviceName?: string;
  /** GiB; 8 unless given. */
  volumeSize?: number;
  /** When AWS deprecated (or will deprecate) the image. */
  deprecationTime?: string;
}

/** The latest deprecation EC2 allows a public AMI: two years after its creation, to the minute. */
export function twoYearsAfter(creationDate: string): string {
  const at = new Date(creationDate);
  at.setUTCFullYear(at.getUTCFullYear() + 2);
  return new Date(Math.round(at.getTime() / 60_000) * 60_000).toISOString();
}

/** The id a seeded image has in a region; stable across runs and servers. */
export function seededImageId(region: string, name: string): string {
  return derivedId("ami", `seed/${region}/${name}`);
}

function seededSnapshotId(region: string, name: string): string {
  return derivedId("snap", `seed/${region}/${name}`);
}

function rootDeviceName(seed: SeedImage): string {
  return seed.rootDeviceName ?? (seed.virtualizationType === "hvm" ? "/dev/xvda" : "/dev/sda1");
}

export function seedImage(seed: SeedImage, region: string): { image: Image; snapshot?: Snapshot } {
  const ebs = seed.rootDeviceType === "ebs";
  const snapshotId = ebs ? seededSnapshotId(region, seed.name) : undefined;
  const volumeSize = seed.volumeSize ?? 8;
  const image: Image = {
    id: seededImageId(region, seed.name),
    region,
    name: seed.name,
    description: seed.description,
    ownerId: seed.ownerId,
    ownerAlias: seed.ownerAlias,
    creationDate: seed.creationDate,
    state: "available",
    transition: undefined,
    stateReason: undefined,
    architecture: seed.architecture,
    virtualizationType: seed.virtualizationType,
    rootDeviceType: seed.rootDeviceType,
    rootDeviceName: rootDeviceName(seed),
    blockDevices: ebs
      ? [
          {
            deviceName: rootDeviceName(seed),
            snapshotId,
            volumeSize,
            volumeType: seed.volumeType,
            deleteOnTermination: true,
          },
        ]
      : [],
    enaSupport: seed.virtualizationType === "hvm",
    sriovNetSupport: seed.virtualizationType === "hvm" ? "simple" : undefined,
    kernelId:
      seed.virtualizationType === "paravirtual" ? derivedId("aki", `pv-grub/${region}`) : undefined,
    launchPermission: { groups: new Set(["all"]), userIds: new Set() },
    deprecationTime: seed.deprecationTime,
    tags: new Map(),
    source: undefined,
    sourceInstanceId: undefined,
  };
  if (snapshotId === undefined) return { image };
  const snapshot: Snapshot = {
    id: snapshotId,
    region,
    volumeId: "vol-ffffffff",
    state: "completed",
    transition: undefined,
    startTime: seed.creationDate,
    ownerId: seed.ownerId,
    ownerAlias: seed.ownerAlias,
    volumeSize,
    description: "",
    tags: new Map(),
  };
  return { image, snapshot };
}
