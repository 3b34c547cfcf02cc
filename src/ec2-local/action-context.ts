// What every action handler receives: its parameters, its region's state and the server's settings.
import type { RegionAccount } from "./account-settings.ts";
import type { Ec2Error } from "./ec2-error.ts";
import type { GeneratedKey } from "./key-material.ts";
import type { QueryParams } from "./query-params.ts";
import type { RegionState, StateDelays } from "./state.ts";
import type { XmlFields } from "./xml.ts";

export interface ActionContext {
  params: QueryParams;
  /** The region the call was signed for. */
  state: RegionState;
  /** Every region, for calls that reach across (CopyImage). */
  regions: ReadonlyMap<string, RegionState>;
  now: number;
  delays: StateDelays;
  /** The account settings in force in the call's region. */
  account: RegionAccount;
  /** Fault injection's verdict on an image just created or copied. */
  shouldImageFail: (image: { region: string; id: string; name: string }) => boolean;
  keyMaterial: () => Promise<GeneratedKey>;
  /** A launch error fault injection chose for a call that reports it per launch (CreateFleet). */
  launchFault?: Ec2Error;
}

/** Returns the elements of the `<ActionResponse>` after `requestId`. */
export type ActionHandler = (context: ActionContext) => XmlFields | Promise<XmlFields>;

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
