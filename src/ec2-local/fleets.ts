// CreateFleet of type `instant`: Packer's Spot launch. The fleet takes its launch template's data as a
// RunInstances would, tries each override (instance type, subnet, zone, price) in the order given and
// launches on the first that works; what could not launch is listed in errorSet with HTTP 200, as EC2
// does. A capacity fault injected for CreateFleet lands there too. Allocation strategies are not
// simulated: ec2-local has no Spot prices, so "lowest price" is the order the overrides are given in.
import type { ActionContext, ActionHandler } from "./action-context.ts";
import { isoTime } from "./action-context.ts";
import { Ec2Error, invalidParameterValue } from "./ec2-error.ts";
import { launchInstances } from "./instances-run.ts";
import { findLaunchTemplate } from "./launch-templates.ts";
import type { Fleet, Instance, LaunchTemplate } from "./model.ts";
import { QueryParams } from "./query-params.ts";
import { newTags, tagsFromSpecifications } from "./tag-helpers.ts";
import type { XmlFields } from "./xml.ts";

const MAX_CAPACITY = 20;

/** Launch errors EC2 reports per override in errorSet rather than failing the call. */
export const FLEET_LAUNCH_ERRORS = [
  "InsufficientInstanceCapacity",
  "SpotMaxPriceTooLow",
  "Unsupported",
  "InstanceLimitExceeded",
  "MaxSpotInstanceCountExceeded",
  "InvalidParameterCombination",
];

/** What EC2 says when a Spot pool has no capacity. */
const NO_SPOT_CAPACITY = "There is no Spot capacity available that matches your request.";

interface Candidate {
  template: LaunchTemplate;
  version: string;
  overrides: Map<string, string>;
}

function candidatesOf(context: ActionContext): Candidate[] {
  const configs = context.params.structs("LaunchTemplateConfigs");
  if (configs.length === 0) throw invalidParameterValue("LaunchTemplateConfigs must not be empty");
  return configs.flatMap((config) => {
    const spec = config.sub("LaunchTemplateSpecification");
    const template = findLaunchTemplate(context.state, {
      id: spec.get("LaunchTemplateId"),
      name: spec.get("LaunchTemplateName"),
    });
    const version = spec.get("Version") ?? "$Default";
    if (!["1", "$Latest", "$Default"].includes(version))
      throw new Ec2Error(
        "InvalidLaunchTemplateId.VersionNotFound",
        `Could not find launch template version ${version} for ${template.id}`,
      );
    const overrides = config.structs("Overrides").map((o) => new Map(Object.entries(o.toRecord())));
    return (overrides.length > 0 ? overrides : [new Map<string, string>()]).map((o) => ({
      template,
      version,
      overrides: o,
    }));
  });
}

// RunInstances' parameters: the template's data, the override on top, Spot when the fleet asks.
function launchParams(candidate: Candidate, spot: boolean, fleetParams: QueryParams): QueryParams {
  const entries = new Map(candidate.template.data);
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== "") entries.set(key, value);
  };
  set("InstanceType", candidate.overrides.get("InstanceType"));
  set("Placement.AvailabilityZone", candidate.overrides.get("AvailabilityZone"));
  const usesInterface = [...entries.keys()].some((key) => key.startsWith("NetworkInterface."));
  set(
    usesInterface ? "NetworkInterface.1.SubnetId" : "SubnetId",
    candidate.overrides.get("SubnetId"),
  );
  if (spot) {
    entries.set("InstanceMarketOptions.MarketType", "spot");
    set("InstanceMarketOptions.SpotOptions.MaxPrice", candidate.overrides.get("MaxPrice"));
  }
  // The fleet's own instance tags join the template's.
  const next = new Set([...entries.keys()].filter((k) => k.startsWith("TagSpecification."))).size;
  let index = next + 1;
  for (const tag of tagsFromSpecifications({
    params: fleetParams,
    resourceType: "instance",
    allowedTypes: ["fleet", "instance"],
  })) {
    entries.set(`TagSpecification.${index}.ResourceType`, "instance");
    entries.set(`TagSpecification.${index}.Tag.1.Key`, tag.key);
    entries.set(`TagSpecification.${index}.Tag.1.Value`, tag.value ?? "");
    index++;
  }
  return new QueryParams(entries);
}

function capacityOf(params: QueryParams): { total: number; spot: boolean } {
  const spec = params.sub("TargetCapacitySpecification");
  const total = spec.int("TotalTargetCapacity");
  if (total === undefined) throw invalidParameterValue("TotalTargetCapacity is required");
  if (total < 1 || total > MAX_CAPACITY)
    throw invalidParameterValue(`TotalTargetCapacity must be between 1 and ${MAX_CAPACITY}`);
  const type = spec.get("DefaultTargetCapacityType") ?? "on-demand";
  if (type !== "spot" && type !== "on-demand")
    throw invalidParameterValue(`Invalid value '${type}' for DefaultTargetCapacityType`);
  return { total, spot: type === "spot" };
}

function overridesXml(candidate: Candidate, instanceType: string | undefined): XmlFields {
  return {
    launchTemplateSpecification: {
      launchTemplateId: candidate.template.id,
      version: candidate.version === "1" ? "1" : candidate.version,
    },
    overrides: {
      instanceType: candidate.overrides.get("InstanceType") ?? instanceType,
      subnetId: candidate.overrides.get("SubnetId"),
      availabilityZone: candidate.overrides.get("AvailabilityZone"),
      maxPrice: candidate.overrides.get("MaxPrice"),
    },
  };
}

export const createFleet: ActionHandler = (context) => {
  const { params, state, now } = context;
  const type = params.get("Type") ?? "maintain";
  if (type !== "instant")
    throw invalidParameterValue(
      `ec2-local implements instant fleets only (Type=instant), not '${type}' ones`,
    );
  const { total, spot } = capacityOf(params);
  const lifecycle = spot ? "spot" : "on-demand";
  const errors: XmlFields[] = [];
  const launched: { candidate: Candidate; instances: Instance[] }[] = [];
  let remaining = total;
  for (const candidate of candidatesOf(context)) {
    if (remaining === 0) break;
    const launchContext = { ...context, params: launchParams(candidate, spot, params) };
    try {
      if (context.launchFault) throw context.launchFault;
      const instances = launchInstances(launchContext, remaining);
      launched.push({ candidate, instances });
      remaining -= instances.length;
    } catch (error) {
      if (!(error instanceof Ec2Error) || !FLEET_LAUNCH_ERRORS.includes(error.code)) throw error;
      errors.push({
        launchTemplateAndOverrides: overridesXml(
          candidate,
          launchContext.params.get("InstanceType"),
        ),
        lifecycle,
        errorCode: error.code,
        errorMessage:
          spot && error.code === "InsufficientInstanceCapacity" ? NO_SPOT_CAPACITY : error.message,
      });
    }
  }
  const fleet: Fleet = {
    id: state.ids.next("fleet"),
    region: state.region,
    type: "instant",
    createTime: isoTime(now),
    instanceIds: launched.flatMap(({ instances }) => instances.map((i) => i.id)),
    tags: newTags(
      tagsFromSpecifications({
        params,
        resourceType: "fleet",
        allowedTypes: ["fleet", "instance"],
      }),
    ),
  };
  state.fleets.set(fleet.id, fleet);
  return {
    fleetId: fleet.id,
    errorSet: errors.length > 0 ? errors : undefined,
    fleetInstanceSet: launched.map(({ candidate, instances }) => ({
      launchTemplateAndOverrides: overridesXml(candidate, instances[0]?.instanceType),
      lifecycle,
      instanceIds: instances.map((instance) => instance.id),
      instanceType: instances[0]?.instanceType,
    })),
  };
};
