// DescribeRegions and DescribeAvailabilityZones answer from the served regions, not from real AWS.
import type { ActionHandler } from "./action-context.ts";
import { invalidParameterValue } from "./ec2-error.ts";
import { applyFilters, type FilterSpec } from "./filters.ts";
import { type AvailabilityZone, availabilityZonesOf, regionEndpoint } from "./regions.ts";

const REGION_FILTERS: FilterSpec<string> = {
  fields: {
    endpoint: (region) => regionEndpoint(region),
    "region-name": (region) => region,
    "opt-in-status": () => "opt-in-not-required",
  },
};

const ZONE_FILTERS: FilterSpec<AvailabilityZone> = {
  fields: {
    "region-name": (zone) => zone.region,
    state: () => "available",
    "zone-id": (zone) => zone.zoneId,
    "zone-name": (zone) => zone.zoneName,
    "zone-type": () => "availability-zone",
  },
};

export const describeRegions: ActionHandler = ({ params, regions }) => {
  const served = [...regions.keys()];
  const names = params.list("RegionName");
  const unknown = names.filter((name) => !served.includes(name));
  if (unknown.length > 0) throw invalidParameterValue(`Invalid region: ${unknown.join(", ")}`);
  const requested = names.length > 0 ? names : served;
  const matching = applyFilters({
    items: requested,
    filters: params.filters(),
    spec: REGION_FILTERS,
  });
  return {
    regionInfo: matching.map((region) => ({
      regionName: region,
      regionEndpoint: regionEndpoint(region),
      optInStatus: "opt-in-not-required",
    })),
  };
};

export const describeAvailabilityZones: ActionHandler = ({ params, state }) => {
  const zones = availabilityZonesOf(state.region);
  const names = params.list("ZoneName");
  const ids = params.list("ZoneId");
  const unknown = [
    ...names.filter((name) => !zones.some((zone) => zone.zoneName === name)),
    ...ids.filter((id) => !zones.some((zone) => zone.zoneId === id)),
  ];
  if (unknown.length > 0) {
    throw invalidParameterValue(
      `The zone '${unknown.join(", ")}' does not exist in ${state.region}`,
    );
  }
  const requested =
    names.length + ids.length > 0
      ? zones.filter((zone) => names.includes(zone.zoneName) || ids.includes(zone.zoneId))
      : zones;
  const matching = applyFilters({
    items: requested,
    filters: params.filters(),
    spec: ZONE_FILTERS,
  });
  return {
    availabilityZoneInfo: matching.map((zone) => ({
      zoneName: zone.zoneName,
      zoneId: zone.zoneId,
      zoneState: "available",
      regionName: zone.region,
      zoneType: "availability-zone",
      optInStatus: "opt-in-not-required",
      messageSet: [],
    })),
  };
};
