// Every region of an account has a default VPC, a default subnet per zone and a `default` security group,
// unless the account deleted it.
import { LOCAL_ACCOUNT_ID } from "./accounts.ts";
import { derivedId } from "./ids.ts";
import type { SecurityGroup, Subnet, Vpc } from "./model.ts";
import { availabilityZonesOf } from "./regions.ts";

const DEFAULT_VPC_CIDR = "172.31.0.0/16";

export const ALLOW_ALL_EGRESS = {
  ipProtocol: "-1",
  fromPort: undefined,
  toPort: undefined,
  cidrs: ["0.0.0.0/0"],
  groupIds: [],
};

export function defaultNetwork(region: string): {
  vpc: Vpc;
  subnets: Subnet[];
  securityGroup: SecurityGroup;
} {
  const vpc: Vpc = {
    id: derivedId("vpc", `default/${region}`),
    cidrBlock: DEFAULT_VPC_CIDR,
    isDefault: true,
    tags: new Map(),
  };
  const subnets = availabilityZonesOf(region).map(
    (zone, index): Subnet => ({
      id: derivedId("subnet", `default/${zone.zoneName}`),
      vpcId: vpc.id,
      availabilityZone: zone.zoneName,
      availabilityZoneId: zone.zoneId,
      cidrBlock: `172.31.${index * 16}.0/20`,
      defaultForAz: true,
      tags: new Map(),
    }),
  );
  const securityGroup: SecurityGroup = {
    id: derivedId("sg", `default/${region}`),
    region,
    name: "default",
    description: "default VPC security group",
    vpcId: vpc.id,
    ownerId: LOCAL_ACCOUNT_ID,
    isDefault: true,
    ingress: [],
    egress: [{ ...ALLOW_ALL_EGRESS, cidrs: [...ALLOW_ALL_EGRESS.cidrs] }],
    tags: new Map(),
  };
  return { vpc, subnets, securityGroup };
}

/**
 * Gives a region its default VPC, subnets and `default` group, or takes them away as an account that
 * deleted its default VPC has none (resources launched into it keep their ids).
 */
export function syncDefaultNetwork(
  state: {
    region: string;
    vpcs: Map<string, Vpc>;
    subnets: Map<string, Subnet>;
    securityGroups: Map<string, SecurityGroup>;
  },
  present: boolean,
): void {
  const { vpc, subnets, securityGroup } = defaultNetwork(state.region);
  if (present) {
    if (!state.vpcs.has(vpc.id)) state.vpcs.set(vpc.id, vpc);
    for (const subnet of subnets)
      if (!state.subnets.has(subnet.id)) state.subnets.set(subnet.id, subnet);
    if (!state.securityGroups.has(securityGroup.id))
      state.securityGroups.set(securityGroup.id, securityGroup);
    return;
  }
  state.vpcs.delete(vpc.id);
  for (const subnet of subnets) state.subnets.delete(subnet.id);
  state.securityGroups.delete(securityGroup.id);
}
