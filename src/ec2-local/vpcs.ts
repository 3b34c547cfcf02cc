// Packer looks up the default VPC and subnets when a template filters for them.
import { LOCAL_ACCOUNT_ID } from "./accounts.ts";
import type { ActionHandler } from "./action-context.ts";
import { Ec2Error } from "./ec2-error.ts";
import { applyFilters, type FilterSpec } from "./filters.ts";
import type { Subnet, Vpc } from "./model.ts";
import { paginate } from "./pagination.ts";
import { tagSetXml } from "./tag-helpers.ts";

const VPC_FILTERS: FilterSpec<Vpc> = {
  fields: {
    "cidr-block": (vpc) => vpc.cidrBlock,
    cidr: (vpc) => vpc.cidrBlock,
    "is-default": (vpc) => vpc.isDefault,
    "owner-id": () => LOCAL_ACCOUNT_ID,
    state: () => "available",
    "vpc-id": (vpc) => vpc.id,
  },
  tags: (vpc) => vpc.tags,
};

const SUBNET_FILTERS: FilterSpec<Subnet> = {
  fields: {
    "availability-zone": (subnet) => subnet.availabilityZone,
    "availability-zone-id": (subnet) => subnet.availabilityZoneId,
    "cidr-block": (subnet) => subnet.cidrBlock,
    "default-for-az": (subnet) => subnet.defaultForAz,
    "owner-id": () => LOCAL_ACCOUNT_ID,
    state: () => "available",
    "subnet-id": (subnet) => subnet.id,
    "vpc-id": (subnet) => subnet.vpcId,
  },
  tags: (subnet) => subnet.tags,
};

function byIds<T extends { id: string }>(options: {
  all: ReadonlyMap<string, T>;
  ids: readonly string[];
  notFound: (id: string) => Ec2Error;
}): T[] {
  const { all, ids, notFound } = options;
  if (ids.length === 0) return [...all.values()];
  return ids.map((id) => {
    const item = all.get(id);
    if (!item) throw notFound(id);
    return item;
  });
}

export const describeVpcs: ActionHandler = ({ params, state }) => {
  const candidates = byIds({
    all: state.vpcs,
    ids: params.list("VpcId"),
    notFound: (id) => new Ec2Error("InvalidVpcID.NotFound", `The vpc ID '${id}' does not exist`),
  });
  const matching = applyFilters({
    items: candidates,
    filters: params.filters(),
    spec: VPC_FILTERS,
  });
  const { page, nextToken } = paginate({ items: matching, params });
  return {
    vpcSet: page.map((vpc) => ({
      vpcId: vpc.id,
      ownerId: LOCAL_ACCOUNT_ID,
      state: "available",
      cidrBlock: vpc.cidrBlock,
      dhcpOptionsId: "dopt-00000000",
      instanceTenancy: "default",
      isDefault: vpc.isDefault,
      tagSet: vpc.tags.size > 0 ? tagSetXml(vpc.tags) : undefined,
    })),
    nextToken,
  };
};

export const describeSubnets: ActionHandler = ({ params, state }) => {
  const candidates = byIds({
    all: state.subnets,
    ids: params.list("SubnetId"),
    notFound: (id) =>
      new Ec2Error("InvalidSubnetID.NotFound", `The subnet ID '${id}' does not exist`),
  });
  const matching = applyFilters({
    items: candidates,
    filters: params.filters(),
    spec: SUBNET_FILTERS,
  });
  const { page, nextToken } = paginate({ items: matching, params });
  return {
    subnetSet: page.map((subnet) => ({
      subnetId: subnet.id,
      ownerId: LOCAL_ACCOUNT_ID,
      state: "available",
      vpcId: subnet.vpcId,
      cidrBlock: subnet.cidrBlock,
      availableIpAddressCount: 4091,
      availabilityZone: subnet.availabilityZone,
      availabilityZoneId: subnet.availabilityZoneId,
      defaultForAz: subnet.defaultForAz,
      mapPublicIpOnLaunch: subnet.defaultForAz,
      tagSet: subnet.tags.size > 0 ? tagSetXml(subnet.tags) : undefined,
    })),
    nextToken,
  };
};
