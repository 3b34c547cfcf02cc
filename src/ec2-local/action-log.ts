// Every call is recorded with its region and parameters, so a test can assert exactly what Packer asked for.

export interface ActionCall {
  /** 1, 2, 3... in arrival order. */
  seq: number;
  time: string;
  /** Region from the signature; empty when the request was not signed. */
  region: string;
  /** Empty when the request named no action. */
  action: string;
  /** Query parameters without Action/Version/signature, long values shortened. */
  params: Record<string, string>;
  status: number;
  /** Time from arrival to answer, injected latency included. */
  durationMs: number;
  /** EC2 error code when the call failed. */
  errorCode?: string;
  /** True when the error came from fault injection. */
  injected?: boolean;
}

const MAX_VALUE_LENGTH = 200;

export function shortenParams(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      value.length > MAX_VALUE_LENGTH
        ? `${value.slice(0, MAX_VALUE_LENGTH)}…(${value.length} chars)`
        : value,
    ]),
  );
}

export interface CallFilter {
  action?: string;
  region?: string;
}

export function matchesCall(call: ActionCall, filter: CallFilter): boolean {
  return (
    (filter.action === undefined || call.action === filter.action) &&
    (filter.region === undefined || call.region === filter.region)
  );
}

/** One line per call for a console: `us-east-1 RunInstances 200` or `... 503 RequestLimitExceeded (injected)`. */
export function formatCall(call: ActionCall): string {
  const outcome = call.errorCode ? ` ${call.errorCode}${call.injected ? " (injected)" : ""}` : "";
  return `${call.time} ${call.region || "-"} ${call.action || "-"} ${call.status}${outcome} ${call.durationMs}ms`;
}
