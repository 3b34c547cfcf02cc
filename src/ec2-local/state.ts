// All resources, kept per region as EC2 does; the region of a call comes from its signature.
import { Ec2Error } from "./ec2-error.ts";
import { IdSequence } from "./ids.ts";
import type {
  Fleet,
  Image,
  Instance,
  KeyPair,
  LaunchTemplate,
  SecurityGroup,
  Snapshot,
  SpotInstanceRequest,
  Subnet,
  Volume,
  Vpc,
} from "./model.ts";
import { syncDefaultNetwork } from "./network-defaults.ts";
import { SEED_IMAGES, seedImage } from "./seed-images.ts";

export interface RunRecord {
  reservationId: string;
  instanceIds: string[];
  imageId: string;
  instanceType: string;
}

export interface RegionState {
  region: string;
  ids: IdSequence;
  images: Map<string, Image>;
  snapshots: Map<string, Snapshot>;
  volumes: Map<string, Volume>;
  instances: Map<string, Instance>;
  securityGroups: Map<string, SecurityGroup>;
  /** By key name, which is unique per region. */
  keyPairs: Map<string, KeyPair>;
  vpcs: Map<string, Vpc>;
  subnets: Map<string, Subnet>;
  /** RunInstances ClientToken → what that call launched, for idempotent retries. */
  runTokens: Map<string, RunRecord>;
  launchTemplates: Map<string, LaunchTemplate>;
  spotRequests: Map<string, SpotInstanceRequest>;
  fleets: Map<string, Fleet>;
}

export interface StateDelays {
  /** pending → running, stopping → stopped, shutting-down → terminated. */
  instanceMs: number;
  /** Images pending → available/failed, snapshots pending → completed/error. */
  imageMs: number;
  /** How long a deleted volume stays listed as `deleting`. */
  volumeDeleteMs: number;
}

export const DEFAULT_DELAYS: StateDelays = { instanceMs: 0, imageMs: 0, volumeDeleteMs: 5_000 };

function createRegionState(region: string): RegionState {
  const state: RegionState = {
    region,
    ids: new IdSequence(region),
    images: new Map(),
    snapshots: new Map(),
    volumes: new Map(),
    instances: new Map(),
    securityGroups: new Map(),
    keyPairs: new Map(),
    vpcs: new Map(),
    subnets: new Map(),
    runTokens: new Map(),
    launchTemplates: new Map(),
    spotRequests: new Map(),
    fleets: new Map(),
  };
  for (const seed of SEED_IMAGES) {
    const { image, snapshot } = seedImage(seed, region);
    state.images.set(image.id, image);
    if (snapshot) state.snapshots.set(snapshot.id, snapshot);
  }
  syncDefaultNetwork(state, true);
  return state;
}

export function createRegionStates(regions: readonly string[]): Map<string, RegionState> {
  return new Map(regions.map((region) => [region, createRegionState(region)]));
}

// A call signed for a region we do not serve would fail signature checks on real AWS too.
export function regionStateOf(options: {
  regions: ReadonlyMap<string, RegionState>;
  region: string;
}): RegionState {
  const { regions, region } = options;
  const state = regions.get(region);
  if (!state) {
    throw new Ec2Error(
      "AuthFailure",
      `Region '${region}' is not served by ec2-local (serving: ${[...regions.keys()].join(", ")})`,
    );
  }
  return state;
}

export function defaultVpc(state: RegionState): Vpc {
  const vpc = [...state.vpcs.values()].find((candidate) => candidate.isDefault);
  if (!vpc) throw noDefaultVpc();
  return vpc;
}

/** EC2's answer to a call that needs the default VPC of an account without one. */
export function noDefaultVpc(): Ec2Error {
  return new Ec2Error("VPCIdNotSpecified", "No default VPC for this user");
}
