// A rehearsal builds against an EC2-compatible endpoint instead of AWS: ec2-local started here
// (--local), or one the user runs (--ec2-endpoint: ec2-local, LocalStack, moto). No instance is
// reachable there, so templates skip SSH; Packer gets fake credentials unless the user set some.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { FaultConfigError, parseFaultConfig } from "../ec2-local/fault-config.ts";
import { startEc2Local } from "../ec2-local/server.ts";
import { UserError } from "../errors.ts";
import { parseJsonText } from "../text/parse-json.ts";

export interface Rehearsal {
  endpoint: string;
  /** Environment for Packer and the SDK: credentials and waiter polling. */
  env: NodeJS.ProcessEnv;
  /** Whether this process started the endpoint. */
  started: boolean;
  close(): Promise<void>;
}

export async function startRehearsal({
  local = false,
  ec2Endpoint,
  faultsFile,
  env,
  cwd,
}: {
  /** --local: start ec2-local here. */
  local?: boolean;
  ec2Endpoint?: string;
  faultsFile?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
}): Promise<Rehearsal> {
  const credentials = rehearsalCredentials(env);
  if (local && ec2Endpoint)
    throw new UserError(
      "--local starts its own ec2-local and --ec2-endpoint names one you run; give one of them.",
    );
  if (ec2Endpoint) {
    if (faultsFile)
      throw new UserError(
        "--local-faults configures the endpoint that --local starts; it cannot reach one given with --ec2-endpoint.",
      );
    checkEndpoint(ec2Endpoint);
    // An endpoint we did not start may settle states slowly: poll every second unless told otherwise.
    return {
      endpoint: ec2Endpoint,
      env: { AWS_POLL_DELAY_SECONDS: env.AWS_POLL_DELAY_SECONDS ?? "1", ...credentials },
      started: false,
      close: async () => {},
    };
  }
  const faults = faultsFile ? await readFaults(path.resolve(cwd, faultsFile), faultsFile) : {};
  const server = await startEc2Local({ port: 0, host: "127.0.0.1", faults });
  return {
    endpoint: server.url,
    env: { AWS_POLL_DELAY_SECONDS: "0", ...credentials },
    started: true,
    close: () => server.close(),
  };
}

function checkEndpoint(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`--ec2-endpoint ${url}: not a URL; give one such as http://127.0.0.1:4566`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new UserError(`--ec2-endpoint ${url}: use an http:// or https:// URL`);
  }
}

async function readFaults(file: string, shown: string) {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UserError(
      `Cannot read --local-faults ${shown}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      { cause: error },
    );
  }
  try {
    return parseFaultConfig(parseJsonText({ file: shown, text }), shown);
  } catch (error) {
    if (error instanceof FaultConfigError) throw new UserError(error.message, { cause: error });
    throw error;
  }
}

// An EC2-compatible endpoint accepts any key; the user's own, when given (keys or a profile), are used.
export function rehearsalCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE
    ? {}
    : {
        AWS_ACCESS_KEY_ID: "AKIDREHEARSAL",
        AWS_SECRET_ACCESS_KEY: "rehearsal-secret-not-a-real-key",
      };
}
