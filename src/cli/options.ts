// Every flag, its default and its help line in one table, so --help and parsing cannot disagree.
import { parseArgs } from "node:util";
import { UserError } from "../errors.ts";

interface FlagSpec {
  name: string;
  type: "string" | "boolean";
  multiple?: boolean;
  value?: string;
  help: string;
  short?: string;
}

export const FLAGS: readonly FlagSpec[] = [
  {
    name: "matrix",
    type: "string",
    value: "FILE",
    help: "matrix file (default: matrix/spark.json in the project)",
  },
  {
    name: "only",
    type: "string",
    multiple: true,
    value: "AXIS=V1,V2",
    help: "build only cells whose AXIS is one of the values; repeatable",
  },
  {
    name: "exclude",
    type: "string",
    multiple: true,
    value: "AXIS=V1,V2",
    help: "leave out cells whose AXIS is one of the values; repeatable",
  },
  {
    name: "dry-run",
    type: "boolean",
    help: "print the plan, render and validate the templates; start no build, write no AMI list",
  },
  { name: "json", type: "boolean", help: "with --dry-run: print the plan as JSON on stdout" },
  {
    name: "local",
    type: "boolean",
    help: "rehearse on this machine: start ec2-local, build against it with real Packer, no AWS account needed; the AMI list goes to the run's folder unless --ami-list is given",
  },
  {
    name: "ec2-endpoint",
    type: "string",
    value: "URL",
    help: "rehearse against an EC2-compatible endpoint you run (ec2-local, LocalStack, moto), as --local does but without starting one",
  },
  {
    name: "local-faults",
    type: "string",
    value: "FILE",
    help: "with --local: inject EC2 faults from a JSON file (see README)",
  },
  {
    name: "ami-list",
    type: "string",
    value: "DIR",
    help: "AMI list folder to update (default: ami-list/ in the project)",
  },
  {
    name: "report",
    type: "string",
    value: "FILE",
    help: "where to write the run report (default: report.json in the run's folder)",
  },
  {
    name: "concurrency",
    type: "string",
    value: "N",
    help: "builds at once (default: the matrix's limits.concurrency, else 8)",
  },
  {
    name: "region-concurrency",
    type: "string",
    value: "N",
    help: "builds at once in one region (default: the matrix's limits.regionConcurrency, else 2)",
  },
  {
    name: "retries",
    type: "string",
    value: "N",
    help: "retries of a build that failed for a transient reason (default: 2)",
  },
  {
    name: "retry-delay",
    type: "string",
    value: "SECONDS",
    help: "delay before the first retry, doubled each time, with jitter (default: 30)",
  },
  {
    name: "kill-after",
    type: "string",
    value: "SECONDS",
    help: "after Ctrl-C, how long Packer may clean up its cloud resources before it is killed (default: 900)",
  },
  {
    name: "packer",
    type: "string",
    value: "PATH",
    help: "Packer executable (default: $PACKER, else packer on PATH)",
  },
  { name: "help", type: "boolean", short: "h", help: "show this help" },
];

export interface CliOptions {
  matrix?: string;
  only: string[];
  exclude: string[];
  dryRun: boolean;
  json: boolean;
  local: boolean;
  ec2Endpoint?: string;
  localFaults?: string;
  amiList?: string;
  report?: string;
  concurrency?: number;
  regionConcurrency?: number;
  retries: number;
  retryDelaySeconds: number;
  killAfterSeconds: number;
  packer?: string;
  help: boolean;
}

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_REGION_CONCURRENCY = 2;
export const DEFAULT_RETRIES = 2;
export const DEFAULT_RETRY_DELAY_SECONDS = 30;
// AWS cleanup (terminate the instance, wait, delete key pair and group) takes minutes.
export const DEFAULT_KILL_AFTER_SECONDS = 900;

export function parseCliOptions(rawArgs: readonly string[]): CliOptions {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    const parsed = parseArgs({
      args: [...rawArgs],
      options: Object.fromEntries(
        FLAGS.map((f) => [
          f.name,
          {
            type: f.type,
            ...(f.multiple ? { multiple: true } : {}),
            ...(f.short ? { short: f.short } : {}),
          },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
    if (parsed.positionals.length > 0) {
      throw new UserError(
        `Unexpected argument "${parsed.positionals[0]}". Run with --help to see the options.`,
      );
    }
    values = parsed.values as typeof values;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${(error as Error).message}. Run with --help to see the options.`, {
      cause: error,
    });
  }
  const str = (name: string) => values[name] as string | undefined;
  return {
    matrix: str("matrix"),
    only: (values.only as string[] | undefined) ?? [],
    exclude: (values.exclude as string[] | undefined) ?? [],
    dryRun: values["dry-run"] === true,
    json: values.json === true,
    local: values.local === true,
    ec2Endpoint: str("ec2-endpoint"),
    localFaults: str("local-faults"),
    amiList: str("ami-list"),
    report: str("report"),
    concurrency: optionalNumber("--concurrency", str("concurrency"), { min: 1, integer: true }),
    regionConcurrency: optionalNumber("--region-concurrency", str("region-concurrency"), {
      min: 1,
      integer: true,
    }),
    retries:
      optionalNumber("--retries", str("retries"), { min: 0, integer: true }) ?? DEFAULT_RETRIES,
    retryDelaySeconds:
      optionalNumber("--retry-delay", str("retry-delay"), { min: 0, integer: false }) ??
      DEFAULT_RETRY_DELAY_SECONDS,
    killAfterSeconds:
      optionalNumber("--kill-after", str("kill-after"), { min: 0, integer: false }) ??
      DEFAULT_KILL_AFTER_SECONDS,
    packer: str("packer"),
    help: values.help === true,
  };
}

function optionalNumber(
  flag: string,
  text: string | undefined,
  { min, integer }: { min: number; integer: boolean },
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (
    text.trim() === "" ||
    !Number.isFinite(value) ||
    value < min ||
    (integer && !Number.isInteger(value))
  ) {
    throw new UserError(
      `${flag} ${text}: expected ${integer ? "a whole number" : "a number"} of at least ${min}`,
    );
  }
  return value;
}

export function helpText(): string {
  const rows = FLAGS.map((f) => {
    const left = `${f.short ? `-${f.short}, ` : "    "}--${f.name}${f.value ? ` ${f.value}` : ""}`;
    return `  ${left.padEnd(32)}${f.help}`;
  });
  return [
    "Usage: npx tsx build-amis.ts [options]",
    "",
    "Builds an AMI for every cell of a matrix (images × virtualization types × regions) with Packer,",
    "in parallel under limits, and writes each new AMI id into the AMI list as its build finishes.",
    "",
    "Options:",
    ...rows,
    "",
    "Exit codes: 0 all builds succeeded; 1 a build failed; 2 usage or configuration error; 130 interrupted.",
  ].join("\n");
}
