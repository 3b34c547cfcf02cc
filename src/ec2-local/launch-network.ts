// Where an instance lands: subnet, zone and security groups, from the request or the default VPC.
import { Ec2Error, invalidParameterValue } from "./ec2-error.ts";
import { findSecurityGroup, findSecurityGroups } from "./lookups.ts";
import type { SecurityGroup, Subnet } from "./model.ts";
import type { QueryParams } from "./query-params.ts";
import { availabilityZonesOf } from "./regions.ts";
import { noDefaultVpc, type RegionState } from "./state.ts";

function chooseSubnet(options: {
  state: RegionState;
  subnetId: string | undefined;
  zone: string | undefined;
}): Subnet {
  const { state, subnetId, zone } = options;
  if (zone !== undefined && !availabilityZonesOf(state.region).some((z) => z.zoneName === zone)) {
    throw invalidParameterValue(`Invalid availability zone: [${zone}]`);
  }
  if (subnetId !== undefined) {
    const subnet = state.subnets.get(subnetId);
    if (!subnet)
      throw new Ec2Error("InvalidSubnetID.NotFound", `The subnet ID '${subnetId}' does not exist`);
    if (zone !== undefined && subnet.availabilityZone !== zone) {
      throw new Ec2Error(
        "InvalidParameterCombination",
        `Subnet ${subnetId} is in ${subnet.availabilityZone}, not in the requested zone ${zone}`,
      );
    }
    return subnet;
  }
  const defaults = [...state.subnets.values()].filter((subnet) => subnet.defaultForAz);
  if (defaults.length === 0) throw noDefaultVpc();
  const subnet = defaults.find(
    (candidate) => zone === undefined || candidate.availabilityZone === zone,
  );
  if (!subnet) throw new Ec2Error("MissingInput", "No default subnet for the requested zone");
  return subnet;
}

function chooseGroups(options: {
  state: RegionState;
  params: QueryParams;
  subnet: Subnet;
}): SecurityGroup[] {
  const { state, params, subnet } = options;
  const ids = [
    ...params.list("SecurityGroupId"),
    ...params.list("NetworkInterface.1.SecurityGroupId"),
  ];
  const byId = findSecurityGroups(state, ids);
  const byName = params
    .list("SecurityGroup")
    .map((groupName) => findSecurityGroup({ state, groupId: undefined, groupName }));
  const groups = [...byId, ...byName];
  for (const group of groups) {
    if (group.vpcId !== subnet.vpcId) {
      throw new Ec2Error(
        "InvalidParameter",
        `Security group ${group.id} and subnet ${subnet.id} belong to different networks.`,
      );
    }
  }
  if (groups.length > 0) return groups;
  const fallback = [...state.securityGroups.values()].find(
    (group) => group.isDefault && group.vpcId === subnet.vpcId,
  );
  return fallback ? [fallback] : [];
}

export function launchNetwork(options: { state: RegionState; params: QueryParams }): {
  subnet: Subnet;
  groups: SecurityGroup[];
} {
  const { state, params } = options;
  const subnet = chooseSubnet({
    state,
    subnetId: params.get("SubnetId") ?? params.get("NetworkInterface.1.SubnetId"),
    zone: params.get("Placement.AvailabilityZone"),
  });
  return { subnet, groups: chooseGroups({ state, params, subnet }) };
}
