// The one-time Spot request behind a Spot instance: made with it, tagged like any resource (Packer tags
// it with its spot_tags), closed when the instance is terminated. A one-time Spot instance cannot be
// stopped, as in EC2.
import { type ActionContext, isoTime } from "./action-context.ts";
import { Ec2Error, invalidParameterValue } from "./ec2-error.ts";
import type { Instance, SpotInstanceRequest } from "./model.ts";
import type { QueryParams, TagInput } from "./query-params.ts";
import type { RegionState } from "./state.ts";
import { newTags } from "./tag-helpers.ts";

export interface SpotMarket {
  /** USD per hour; absent: at most the on-demand price. */
  maxPrice: string | undefined;
}

/** InstanceMarketOptions of a launch: `spot` makes a Spot instance; anything else is on-demand. */
export function spotMarketOf(params: QueryParams): SpotMarket | undefined {
  const type = params.get("InstanceMarketOptions.MarketType");
  if (type === undefined) return undefined;
  if (type !== "spot" && type !== "capacity-block")
    throw invalidParameterValue(`Invalid value '${type}' for InstanceMarketOptions.MarketType`);
  if (type !== "spot") return undefined;
  const maxPrice = params.get("InstanceMarketOptions.SpotOptions.MaxPrice");
  if (maxPrice !== undefined && !/^\d+(\.\d+)?$/.test(maxPrice))
    throw invalidParameterValue(`Invalid value '${maxPrice}' for MaxPrice`);
  const kind = params.get("InstanceMarketOptions.SpotOptions.SpotInstanceType") ?? "one-time";
  if (kind !== "one-time")
    throw invalidParameterValue(`ec2-local makes one-time Spot requests only, not '${kind}' ones`);
  return { maxPrice };
}

export function startSpotRequest({
  context,
  instance,
  market,
  tags,
}: {
  context: ActionContext;
  instance: Instance;
  market: SpotMarket;
  tags: readonly TagInput[];
}): SpotInstanceRequest {
  const request: SpotInstanceRequest = {
    id: context.state.ids.next("sir"),
    region: context.state.region,
    state: "active",
    status: "fulfilled",
    instanceId: instance.id,
    instanceType: instance.instanceType,
    maxPrice: market.maxPrice,
    createTime: isoTime(context.now),
    tags: newTags(tags),
  };
  context.state.spotRequests.set(request.id, request);
  return request;
}

/** EC2's answer to StopInstances on a one-time Spot instance. */
export function refuseSpotStop(instance: Instance): void {
  if (instance.lifecycle !== "spot") return;
  throw new Ec2Error(
    "UnsupportedOperation",
    `You can't stop the Spot Instance '${instance.id}' because it is associated with a one-time Spot Instance request. You can only stop Spot Instances associated with persistent Spot Instance requests.`,
  );
}

/** Terminating a Spot instance closes its one-time request. */
export function closeSpotRequest(state: RegionState, instance: Instance): void {
  const request = instance.spotInstanceRequestId
    ? state.spotRequests.get(instance.spotInstanceRequestId)
    : undefined;
  if (!request || request.state === "closed") return;
  request.state = "closed";
  request.status = "instance-terminated-by-user";
}
