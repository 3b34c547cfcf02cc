// Packer creates a temporary security group per build and must be able to delete it afterwards.
import { LOCAL_ACCOUNT_ID } from "./accounts.ts";
import type { ActionHandler } from "./action-context.ts";
import { Ec2Error } from "./ec2-error.ts";
import { applyFilters, type FilterSpec } from "./filters.ts";
import { findSecurityGroup, findSecurityGroups } from "./lookups.ts";
import type { IpPermission, SecurityGroup } from "./model.ts";
import { ALLOW_ALL_EGRESS } from "./network-defaults.ts";
import { paginate } from "./pagination.ts";
import { ingressRulesFrom, ipPermissionsXml, sameRule } from "./security-group-rules.ts";
import { defaultVpc } from "./state.ts";
import { newTags, tagSetXml, tagsFromSpecifications } from "./tag-helpers.ts";
import type { XmlFields } from "./xml.ts";

function securityGroupXml(group: SecurityGroup): XmlFields {
  return {
    ownerId: group.ownerId,
    groupId: group.id,
    groupName: group.name,
    groupDescription: group.description,
    vpcId: group.vpcId,
    ipPermissions: ipPermissionsXml(group.ingress),
    ipPermissionsEgress: ipPermissionsXml(group.egress),
    tagSet: group.tags.size > 0 ? tagSetXml(group.tags) : undefined,
  };
}

export const createSecurityGroup: ActionHandler = ({ params, state }) => {
  const name = params.required("GroupName");
  const description = params.required("GroupDescription");
  const vpcId = params.get("VpcId") ?? defaultVpc(state).id;
  if (!state.vpcs.has(vpcId)) {
    throw new Ec2Error("InvalidVpcID.NotFound", `The vpc ID '${vpcId}' does not exist`);
  }
  if (name === "default") {
    throw new Ec2Error("InvalidGroup.Reserved", "The security group 'default' is reserved");
  }
  const groups = [...state.securityGroups.values()];
  if (groups.some((group) => group.vpcId === vpcId && group.name === name)) {
    throw new Ec2Error(
      "InvalidGroup.Duplicate",
      `The security group '${name}' already exists for VPC '${vpcId}'`,
    );
  }
  const group: SecurityGroup = {
    id: state.ids.next("sg"),
    region: state.region,
    name,
    description,
    vpcId,
    ownerId: LOCAL_ACCOUNT_ID,
    isDefault: false,
    ingress: [],
    egress: [{ ...ALLOW_ALL_EGRESS, cidrs: [...ALLOW_ALL_EGRESS.cidrs] }],
    tags: newTags(
      tagsFromSpecifications({
        params,
        resourceType: "security-group",
        allowedTypes: ["security-group"],
      }),
    ),
  };
  state.securityGroups.set(group.id, group);
  return { return: true, groupId: group.id };
};

const SECURITY_GROUP_FILTERS: FilterSpec<SecurityGroup> = {
  fields: {
    description: (group) => group.description,
    "group-id": (group) => group.id,
    "group-name": (group) => group.name,
    "owner-id": (group) => group.ownerId,
    "vpc-id": (group) => group.vpcId,
    "ip-permission.from-port": (group) => group.ingress.map((rule) => String(rule.fromPort ?? "")),
    "ip-permission.to-port": (group) => group.ingress.map((rule) => String(rule.toPort ?? "")),
    "ip-permission.protocol": (group) => group.ingress.map((rule) => rule.ipProtocol),
    "ip-permission.cidr": (group) => group.ingress.flatMap((rule) => rule.cidrs),
  },
  tags: (group) => group.tags,
};

export const describeSecurityGroups: ActionHandler = ({ params, state }) => {
  const ids = params.list("GroupId");
  const names = params.list("GroupName");
  const byId = ids.length > 0 ? findSecurityGroups(state, ids) : [];
  const byName = names.map((groupName) =>
    findSecurityGroup({ state, groupId: undefined, groupName }),
  );
  const candidates =
    ids.length + names.length > 0 ? [...byId, ...byName] : [...state.securityGroups.values()];
  const matching = applyFilters({
    items: candidates,
    filters: params.filters(),
    spec: SECURITY_GROUP_FILTERS,
  });
  const { page, nextToken } = paginate({ items: matching, params });
  return { securityGroupInfo: page.map(securityGroupXml), nextToken };
};

export const authorizeSecurityGroupIngress: ActionHandler = ({ params, state }) => {
  const group = findSecurityGroup({
    state,
    groupId: params.get("GroupId"),
    groupName: params.get("GroupName"),
  });
  const rules: IpPermission[] = ingressRulesFrom(params);
  for (const rule of rules) {
    if (group.ingress.some((existing) => sameRule(existing, rule))) {
      throw new Ec2Error(
        "InvalidPermission.Duplicate",
        `the specified rule "peer: ${rule.cidrs.join(",") || rule.groupIds.join(",")}, ${rule.ipProtocol.toUpperCase()}, from port: ${rule.fromPort}, to port: ${rule.toPort}, ALLOW" already exists`,
      );
    }
  }
  group.ingress.push(...rules);
  return { return: true };
};

export const deleteSecurityGroup: ActionHandler = ({ params, state }) => {
  const group = findSecurityGroup({
    state,
    groupId: params.get("GroupId"),
    groupName: params.get("GroupName"),
  });
  if (group.isDefault) {
    throw new Ec2Error(
      "CannotDelete",
      `the specified group: "${group.id}" name: "default" cannot be deleted by a user`,
    );
  }
  const user = [...state.instances.values()].find(
    (instance) => instance.state !== "terminated" && instance.securityGroupIds.includes(group.id),
  );
  if (user) {
    throw new Ec2Error(
      "DependencyViolation",
      `resource ${group.id} has a dependent object (${user.id})`,
    );
  }
  state.securityGroups.delete(group.id);
  return { return: true, groupId: group.id };
};
