// CreateTags and DescribeTags work on any resource; the id's prefix says which kind it is.
import { Ec2Error } from "./ec2-error.ts";
import type { Tags } from "./model.ts";
import type { RegionState } from "./state.ts";

export interface TaggableResource {
  id: string;
  resourceType: string;
  tags: Tags;
}

interface Kind {
  resourceType: string;
  notFound: string;
  all: (state: RegionState) => Iterable<{ id: string; tags: Tags }>;
}

const KINDS: Record<string, Kind> = {
  ami: { resourceType: "image", notFound: "InvalidAMIID.NotFound", all: (s) => s.images.values() },
  snap: {
    resourceType: "snapshot",
    notFound: "InvalidSnapshot.NotFound",
    all: (s) => s.snapshots.values(),
  },
  vol: {
    resourceType: "volume",
    notFound: "InvalidVolume.NotFound",
    all: (s) => s.volumes.values(),
  },
  i: {
    resourceType: "instance",
    notFound: "InvalidInstanceID.NotFound",
    all: (s) => s.instances.values(),
  },
  sg: {
    resourceType: "security-group",
    notFound: "InvalidGroup.NotFound",
    all: (s) => s.securityGroups.values(),
  },
  key: {
    resourceType: "key-pair",
    notFound: "InvalidKeyPair.NotFound",
    all: (s) => s.keyPairs.values(),
  },
  vpc: { resourceType: "vpc", notFound: "InvalidVpcID.NotFound", all: (s) => s.vpcs.values() },
  subnet: {
    resourceType: "subnet",
    notFound: "InvalidSubnetID.NotFound",
    all: (s) => s.subnets.values(),
  },
  lt: {
    resourceType: "launch-template",
    notFound: "InvalidLaunchTemplateId.NotFound",
    all: (s) => s.launchTemplates.values(),
  },
  sir: {
    resourceType: "spot-instances-request",
    notFound: "InvalidSpotInstanceRequestID.NotFound",
    all: (s) => s.spotRequests.values(),
  },
  fleet: {
    resourceType: "fleet",
    notFound: "InvalidFleetId.NotFound",
    all: (s) => s.fleets.values(),
  },
};

function kindOf(id: string): Kind {
  const kind = KINDS[id.split("-")[0] ?? ""];
  if (!kind) throw new Ec2Error("InvalidID", `The ID '${id}' is not valid`);
  return kind;
}

export function findTaggable(state: RegionState, id: string): TaggableResource {
  const kind = kindOf(id);
  for (const resource of kind.all(state)) {
    if (resource.id === id) return { id, resourceType: kind.resourceType, tags: resource.tags };
  }
  throw new Ec2Error(kind.notFound, `The ID '${id}' does not exist`);
}

export function allTaggable(state: RegionState): TaggableResource[] {
  return Object.values(KINDS).flatMap((kind) =>
    [...kind.all(state)].map((resource) => ({
      id: resource.id,
      resourceType: kind.resourceType,
      tags: resource.tags,
    })),
  );
}
