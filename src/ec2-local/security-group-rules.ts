// Ingress rules come as `IpPermissions.N.*` or, in older callers, as top-level IpProtocol/FromPort/CidrIp.
import { Ec2Error } from "./ec2-error.ts";
import type { IpPermission } from "./model.ts";
import type { QueryParams } from "./query-params.ts";
import type { XmlFields } from "./xml.ts";

function ruleFrom(options: {
  params: QueryParams;
  cidrs: string[];
  groupIds: string[];
}): IpPermission {
  const { params, cidrs, groupIds } = options;
  const ipProtocol = (params.get("IpProtocol") ?? "").toLowerCase();
  if (ipProtocol === "")
    throw new Ec2Error("MissingParameter", "IpProtocol is required for every rule");
  const allPorts = ipProtocol === "-1" || ipProtocol === "all";
  return {
    ipProtocol: ipProtocol === "all" ? "-1" : ipProtocol,
    fromPort: allPorts ? undefined : params.int("FromPort"),
    toPort: allPorts ? undefined : params.int("ToPort"),
    cidrs,
    groupIds,
  };
}

export function ingressRulesFrom(params: QueryParams): IpPermission[] {
  const structured = params.structs("IpPermissions").map((permission) =>
    ruleFrom({
      params: permission,
      cidrs: permission.structs("IpRanges").map((range) => range.required("CidrIp")),
      groupIds: permission.structs("Groups").flatMap((pair) => pair.get("GroupId") ?? []),
    }),
  );
  if (structured.length > 0) return structured;
  const cidr = params.get("CidrIp");
  const sourceGroup = params.get("SourceSecurityGroupName");
  if (params.get("IpProtocol") === undefined) {
    throw new Ec2Error("MissingParameter", "No IpPermissions and no IpProtocol given");
  }
  return [
    ruleFrom({ params, cidrs: cidr ? [cidr] : [], groupIds: sourceGroup ? [sourceGroup] : [] }),
  ];
}

export function sameRule(a: IpPermission, b: IpPermission): boolean {
  return (
    a.ipProtocol === b.ipProtocol &&
    a.fromPort === b.fromPort &&
    a.toPort === b.toPort &&
    a.cidrs.some((cidr) => b.cidrs.includes(cidr))
  );
}

export function ipPermissionsXml(rules: readonly IpPermission[]): XmlFields[] {
  return rules.map((rule) => ({
    ipProtocol: rule.ipProtocol,
    fromPort: rule.fromPort,
    toPort: rule.toPort,
    groups: rule.groupIds.map((groupId) => ({ groupId })),
    ipRanges: rule.cidrs.map((cidrIp) => ({ cidrIp })),
    ipv6Ranges: [],
    prefixListIds: [],
  }));
}
