// DescribeAccountAttributes: how SDK users ask for the default VPC (`default-vpc`, "none" without one).
import type { ActionHandler } from "./action-context.ts";
import { invalidParameterValue } from "./ec2-error.ts";
import type { RegionState } from "./state.ts";

const ATTRIBUTES: Record<string, (state: RegionState) => string[]> = {
  "supported-platforms": () => ["VPC"],
  "default-vpc": (state) => [[...state.vpcs.values()].find((vpc) => vpc.isDefault)?.id ?? "none"],
  "max-instances": () => ["20"],
  "vpc-max-security-groups-per-interface": () => ["5"],
  "max-elastic-ips": () => ["5"],
  "vpc-max-elastic-ips": () => ["5"],
};

export const describeAccountAttributes: ActionHandler = ({ params, state }) => {
  const names = params.list("AttributeName");
  const unknown = names.filter((name) => !(name in ATTRIBUTES));
  if (unknown.length > 0) {
    throw invalidParameterValue(
      `Invalid attribute name: ${unknown.join(", ")} (known: ${Object.keys(ATTRIBUTES).join(", ")})`,
    );
  }
  const requested = names.length > 0 ? names : Object.keys(ATTRIBUTES);
  return {
    accountAttributeSet: requested.map((attributeName) => ({
      attributeName,
      attributeValueSet: (ATTRIBUTES[attributeName]?.(state) ?? []).map((attributeValue) => ({
        attributeValue,
      })),
    })),
  };
};
