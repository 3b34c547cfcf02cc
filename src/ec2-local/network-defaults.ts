// Every region of an account has a default VPC, a default subnet per zone and a `default` security group.
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
