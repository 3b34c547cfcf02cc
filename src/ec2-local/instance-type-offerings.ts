// DescribeInstanceTypeOfferings: which instance types a region (or each of its zones) offers, so a
// preflight can tell before launching that a PV or GPU type is missing in a region.
import type { ActionHandler } from "./action-context.ts";
import { invalidParameterValue } from "./ec2-error.ts";
import { applyFilters, type FilterSpec } from "./filters.ts";
import { KNOWN_INSTANCE_TYPES } from "./instance-catalogue.ts";
import { paginate } from "./pagination.ts";
import { availabilityZonesOf } from "./regions.ts";

interface Offering {
  instanceType: string;
  locationType: string;
  location: string;
}

const LOCATION_TYPES = ["region", "availability-zone", "availability-zone-id"];

const OFFERING_FILTERS: FilterSpec<Offering> = {
  fields: {
    "instance-type": (offering) => offering.instanceType,
    location: (offering) => offering.location,
  },
};

function locationsOf(region: string, locationType: string): string[] {
  if (locationType === "region") return [region];
  const zones = availabilityZonesOf(region);
  return zones.map((zone) => (locationType === "availability-zone" ? zone.zoneName : zone.zoneId));
}

export const describeInstanceTypeOfferings: ActionHandler = ({ params, state, account }) => {
  const locationType = params.get("LocationType") ?? "region";
  if (!LOCATION_TYPES.includes(locationType)) {
    throw invalidParameterValue(
      `Value (${locationType}) for parameter locationType is invalid. Expected one of: ${LOCATION_TYPES.join(", ")}`,
    );
  }
  const locations = locationsOf(state.region, locationType);
  const offerings = KNOWN_INSTANCE_TYPES.filter((type) =>
    account.instanceTypeOffered(type),
  ).flatMap((instanceType) =>
    locations.map((location) => ({ instanceType, locationType, location })),
  );
  const matching = applyFilters({
    items: offerings,
    filters: params.filters(),
    spec: OFFERING_FILTERS,
  });
  const { page, nextToken } = paginate({
    items: matching,
    params,
    limits: { min: 5, max: 1000, default: 1000 },
  });
  return { instanceTypeOfferingSet: page.map((offering) => ({ ...offering })), nextToken };
};
