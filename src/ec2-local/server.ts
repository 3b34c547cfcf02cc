// ec2-local over HTTP: EC2's Query API on POST /, and the state as JSON on GET /_ec2local/state.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ActionCall } from "./action-log.ts";
import { dispatchQuery } from "./dispatch.ts";
import { type FaultConfig, parseFaultConfig } from "./fault-config.ts";
import { sharedKeyMaterial } from "./key-material.ts";
import { LocalCloud } from "./local-cloud.ts";
import { COMMERCIAL_REGIONS } from "./regions.ts";
import type { StateDelays } from "./state.ts";

export const STATE_PATH = "/_ec2local/state";

export interface Ec2LocalOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  faults?: FaultConfig;
  /** Seed of the pseudo-random fault fractions; same seed, same faults. */
  seed?: string | number;
  /** How long transitional states last; instances and images settle by the next call by default. */
  delays?: Partial<StateDelays>;
  regions?: readonly string[];
  /** Told about every call once answered. */
  log?: (call: ActionCall) => void;
  /** What time it is for ec2-local (ms since epoch); tests move it instead of waiting. */
  clock?: () => number;
}

type Inspection = Pick<
  LocalCloud,
  | "calls"
  | "actionsCalled"
  | "clearCalls"
  | "report"
  | "instances"
  | "liveInstances"
  | "images"
  | "imagesByState"
  | "securityGroups"
  | "keyPairs"
  | "snapshots"
  | "volumes"
  | "launchTemplates"
  | "spotRequests"
  | "account"
>;

export interface Ec2Local extends Inspection {
  /** `http://HOST:PORT`, for `custom_endpoint_ec2` or the SDK's `endpoint`. */
  url: string;
  port: number;
  host: string;
  server: Server;
  /** Replaces the fault configuration and restarts its call counters. */
  setFaults(faults: FaultConfig): void;
  faults(): FaultConfig;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function serve(options: {
  cloud: LocalCloud;
  log: Ec2LocalOptions["log"];
  request: IncomingMessage;
  response: ServerResponse;
}) {
  const { cloud, log, request, response } = options;
  const url = new URL(request.url ?? "/", "http://localhost");
  if (request.method === "GET" && url.pathname === STATE_PATH) {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(cloud.report(), null, 2));
    return;
  }
  const body = await readBody(request);
  const { status, xml, requestId, call } = await dispatchQuery({
    cloud,
    raw: { search: url.search, body, authorization: request.headers.authorization },
  });
  response.writeHead(status, {
    "content-type": "text/xml;charset=UTF-8",
    "x-amzn-requestid": requestId,
  });
  response.end(xml);
  log?.(call);
}

function listen(server: Server, options: { port: number; host: string }): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

// Checked at start and on every change, so a typo fails loudly instead of never firing.
function checkedFaults(faults: FaultConfig, regions: readonly string[]): FaultConfig {
  return parseFaultConfig(faults, "faults", regions);
}

export async function startEc2Local(options: Ec2LocalOptions = {}): Promise<Ec2Local> {
  const host = options.host ?? "127.0.0.1";
  const regions = options.regions ?? COMMERCIAL_REGIONS;
  const cloud = new LocalCloud({
    regions,
    faults: checkedFaults(options.faults ?? {}, regions),
    seed: String(options.seed ?? 1),
    delays: options.delays ?? {},
    clock: options.clock ?? Date.now,
  });
  // Warm up in the background: by the time Packer asks for a key pair, the key is ready.
  sharedKeyMaterial().catch(() => {});
  const server = createServer((request, response) => {
    serve({ cloud, log: options.log, request, response }).catch((error: unknown) => {
      console.error("ec2-local: failed to answer a request:", error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const address = await listen(server, { port: options.port ?? 0, host });
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    host,
    server,
    setFaults: (faults) => cloud.configure(checkedFaults(faults, regions)),
    faults: () => cloud.faults.config,
    calls: (filter) => cloud.calls(filter),
    actionsCalled: (filter) => cloud.actionsCalled(filter),
    clearCalls: () => cloud.clearCalls(),
    report: () => cloud.report(),
    instances: (filter) => cloud.instances(filter),
    liveInstances: (region) => cloud.liveInstances(region),
    images: (filter) => cloud.images(filter),
    imagesByState: () => cloud.imagesByState(),
    securityGroups: (region) => cloud.securityGroups(region),
    keyPairs: (region) => cloud.keyPairs(region),
    snapshots: (region) => cloud.snapshots(region),
    volumes: (region) => cloud.volumes(region),
    launchTemplates: (region) => cloud.launchTemplates(region),
    spotRequests: (region) => cloud.spotRequests(region),
    account: (region) => cloud.account(region),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
