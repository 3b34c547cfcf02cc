// `npm run ec2-local -- --port 4566 [--faults faults.json]`: the server on its own, until SIGINT/SIGTERM.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { formatCall } from "./action-log.ts";
import { type FaultConfig, parseFaultConfig } from "./fault-config.ts";
import { startEc2Local } from "./server.ts";

const USAGE = `Usage: ec2-local [--port 4566] [--host 127.0.0.1] [--faults faults.json] [--seed 1] [--quiet]`;

interface MainOptions {
  port: number;
  host: string;
  faultsFile: string | undefined;
  seed: string;
  quiet: boolean;
}

function parseMainArgs(args: readonly string[]): MainOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: "string", default: "4566" },
      host: { type: "string", default: "127.0.0.1" },
      faults: { type: "string" },
      seed: { type: "string", default: "1" },
      quiet: { type: "boolean", default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(
      `--port must be a port number (0 for any free port), got '${values.port}'\n${USAGE}`,
    );
  }
  return {
    port,
    host: values.host,
    faultsFile: values.faults,
    seed: values.seed,
    quiet: values.quiet,
  };
}

async function readFaults(file: string | undefined): Promise<FaultConfig> {
  if (file === undefined) return {};
  const text = await readFile(file, "utf8");
  return parseFaultConfig(JSON.parse(text), file);
}

async function main(args: readonly string[]): Promise<void> {
  const options = parseMainArgs(args);
  const ec2 = await startEc2Local({
    port: options.port,
    host: options.host,
    seed: options.seed,
    faults: await readFaults(options.faultsFile),
    log: options.quiet ? undefined : (call) => process.stderr.write(`${formatCall(call)}\n`),
  });
  process.stdout.write(`ec2-local listening on ${ec2.url}\n`);
  const stop = (signal: string) => {
    process.stderr.write(`ec2-local: ${signal}, closing\n`);
    ec2.close().catch((error: unknown) => {
      process.stderr.write(`ec2-local: close failed: ${String(error)}\n`);
      process.exitCode = 1;
    });
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`ec2-local: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
