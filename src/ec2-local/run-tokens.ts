// A retried RunInstances with the same ClientToken gets the first call's instances, not new ones.
import type { ActionContext } from "./action-context.ts";
import { Ec2Error } from "./ec2-error.ts";
import { reservationXml } from "./instance-xml.ts";
import { findInstances } from "./lookups.ts";
import type { RunRecord } from "./state.ts";
import type { XmlFields } from "./xml.ts";

export const DEFAULT_INSTANCE_TYPE = "m1.small";

export function replayedRun(context: ActionContext): XmlFields | undefined {
  const { params, state } = context;
  const token = params.get("ClientToken");
  const record = token === undefined ? undefined : state.runTokens.get(token);
  if (!record) return undefined;
  const instanceType = params.get("InstanceType") ?? DEFAULT_INSTANCE_TYPE;
  if (record.imageId !== params.get("ImageId") || record.instanceType !== instanceType) {
    throw new Ec2Error(
      "IdempotentParameterMismatch",
      `The client token '${token}' was already used with different parameters`,
    );
  }
  const instances = findInstances(state, record.instanceIds);
  return reservationXml({ reservationId: record.reservationId, instances, state });
}

export function rememberRun(context: ActionContext, record: RunRecord): void {
  const token = context.params.get("ClientToken");
  if (token !== undefined) context.state.runTokens.set(token, record);
}
