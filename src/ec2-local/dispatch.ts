// One EC2 call from raw request to XML answer: parse, delay, maybe inject a fault, settle, run, record.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { ActionContext } from "./action-context.ts";
import { type ActionCall, shortenParams } from "./action-log.ts";
import { handlerFor } from "./actions.ts";
import { Ec2Error, InjectedFault } from "./ec2-error.ts";
import { FLEET_LAUNCH_ERRORS } from "./fleets.ts";
import type { LocalCloud } from "./local-cloud.ts";
import { notImplementedError } from "./not-implemented.ts";
import { parseQueryRequest, type QueryRequest } from "./query-request.ts";
import { regionStateOf } from "./state.ts";
import { actionResponseXml, errorResponseXml, type XmlFields } from "./xml.ts";

export interface RawQuery {
  search: string;
  body: string;
  authorization: string | undefined;
}

export interface QueryAnswer {
  status: number;
  xml: string;
  requestId: string;
  call: ActionCall;
}

async function answer(cloud: LocalCloud, request: QueryRequest): Promise<XmlFields> {
  const { action, region, params } = request;
  const state = regionStateOf({ regions: cloud.regions, region });
  const handler = handlerFor(action);
  if (!handler) {
    throw new Ec2Error("InvalidAction", `The action ${action} is not valid for this web service.`);
  }
  const notImplemented = notImplementedError(cloud.faults.config.notImplemented, action);
  if (notImplemented) throw notImplemented;
  const latency = cloud.faults.latencyFor(action);
  if (latency > 0) await sleep(latency);
  const fault = cloud.faults.faultFor(action, region);
  // An instant fleet answers a failed launch inside its response, not with an HTTP error.
  const launchFault = action === "CreateFleet" && fault && FLEET_LAUNCH_ERRORS.includes(fault.code);
  if (fault && !launchFault) throw fault;
  if (params.bool("DryRun")) {
    throw new Ec2Error("DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
  }
  const now = cloud.now();
  cloud.settle(now);
  const context: ActionContext = {
    params,
    state,
    regions: cloud.regions,
    now,
    delays: cloud.delays,
    account: cloud.regionAccount(region),
    shouldImageFail: (image) => cloud.faults.shouldImageFail(image),
    keyMaterial: cloud.keyMaterial,
    ...(launchFault ? { launchFault: fault } : {}),
  };
  return handler(context);
}

// Bugs in ec2-local become EC2's InternalError for the client, with the stack on stderr for us.
function asEc2Error(error: unknown): Ec2Error {
  if (error instanceof Ec2Error) return error;
  console.error("ec2-local: internal error (this is a bug in ec2-local):", error);
  return new Ec2Error("InternalError", `ec2-local failed: ${String(error)}`);
}

export async function dispatchQuery(options: {
  cloud: LocalCloud;
  raw: RawQuery;
}): Promise<QueryAnswer> {
  const { cloud, raw } = options;
  const requestId = randomUUID();
  const started = performance.now();
  let request: QueryRequest | undefined;
  const record = (status: number, error?: Ec2Error): ActionCall =>
    cloud.record({
      time: new Date().toISOString(),
      region: request?.region ?? "",
      action: request?.action ?? "",
      params: shortenParams(request?.params.toRecord() ?? {}),
      status,
      durationMs: Math.round(performance.now() - started),
      ...(error ? { errorCode: error.code } : {}),
      ...(error instanceof InjectedFault ? { injected: true } : {}),
    });
  try {
    request = parseQueryRequest(raw);
    const body = await answer(cloud, request);
    const xml = actionResponseXml({ action: request.action, requestId, body });
    return { status: 200, xml, requestId, call: record(200) };
  } catch (caught) {
    const error = asEc2Error(caught);
    const xml = errorResponseXml({ code: error.code, message: error.message, requestId });
    return { status: error.status, xml, requestId, call: record(error.status, error) };
  }
}
