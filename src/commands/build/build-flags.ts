// The build command's flags, defaults and help lines in one table, so --help and parsing cannot disagree.
// Over 200 lines because it is one table: every flag of build with its default and help line.
import {
  type FlagSpec,
  type FlagValues,
  HELP_FLAG,
  listFlag,
  MATRIX_FLAGS,
  numberFlag,
  stringFlag,
} from "../../cli/flags.ts";
import { VERSION_FLAG } from "../../cli/version.ts";
import { UserError } from "../../errors.ts";
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_KILL_AFTER_SECONDS,
  DEFAULT_REGION_CONCURRENCY,
  DEFAULT_RETRIES,
  DEFAULT_RETRY_DELAY_SECONDS,
  LIMIT_RANGES,
} from "../../model/run-limits.ts";

export const FLAGS: readonly FlagSpec[] = [
  ...MATRIX_FLAGS,
  {
    name: "shard",
    type: "string",
    value: "K/N",
    help: "build only shard K of N: whole regions, as `shards --count N` splits the selected cells",
  },
  {
    name: "var",
    type: "string",
    multiple: true,
    value: "NAME=VALUE",
    help: "set a variable the templates declare; reaches Packer in its environment (PKR_VAR_NAME), never in its arguments; repeatable",
  },
  {
    name: "var-file",
    type: "string",
    multiple: true,
    value: "FILE",
    help: "a Packer variables file (.pkrvars.hcl or .json) passed to every template as -var-file; repeatable",
  },
  {
    name: "dry-run",
    type: "boolean",
    help: "print the plan and what each job costs, render and validate the templates; start no build, write no AMI list",
  },
  { name: "json", type: "boolean", help: "with --dry-run: print the plan as JSON on stdout" },
  {
    name: "force",
    type: "boolean",
    help: "rebuild the selected cells even when their listed AMI is unchanged",
  },
  {
    name: "strategy",
    type: "string",
    value: "build|copy",
    help: "build every cell with Packer, or build once per image and virtualization in the home region and copy (default: the matrix's strategy, else build)",
  },
  {
    name: "spot",
    type: "boolean",
    help: "build on Spot instances, at most at the on-demand price, in every cell without spot settings of its own",
  },
  {
    name: "rerun-failed",
    type: "string",
    value: "REPORT",
    help: "select exactly the cells that failed, were skipped or interrupted in that run report",
  },
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
    name: "wait-for-lock",
    type: "boolean",
    help: "when another run holds the AMI list, wait for it to finish instead of stopping (exit 2)",
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
    help: `builds at once (default: the matrix's limits.concurrency, else ${DEFAULT_CONCURRENCY})`,
  },
  {
    name: "region-concurrency",
    type: "string",
    value: "N",
    help: `builds at once in one region (default: the matrix's limits.regionConcurrency, else ${DEFAULT_REGION_CONCURRENCY})`,
  },
  {
    name: "retries",
    type: "string",
    value: "N",
    help: `retries of a build that failed for a transient reason (default: ${DEFAULT_RETRIES})`,
  },
  {
    name: "retry-delay",
    type: "string",
    value: "SECONDS",
    help: `delay before the first retry, doubled each time, with jitter (default: ${DEFAULT_RETRY_DELAY_SECONDS})`,
  },
  {
    name: "kill-after",
    type: "string",
    value: "SECONDS",
    help: `after Ctrl-C, how long Packer may clean up its cloud resources before it is killed (default: ${DEFAULT_KILL_AFTER_SECONDS})`,
  },
  {
    name: "packer",
    type: "string",
    value: "PATH",
    help: "Packer executable (default: $PACKER, else packer on PATH)",
  },
  HELP_FLAG,
  VERSION_FLAG,
];

export interface CliOptions {
  matrix?: string;
  only: string[];
  exclude: string[];
  /** `--shard K/N`, as typed; checked by the build. */
  shard?: string;
  /** `--var NAME=VALUE`, as typed. */
  vars: string[];
  /** `--var-file FILE`, as typed until the build resolves them to absolute paths. */
  varFiles: string[];
  /** What the --var and --var-file values add to the fingerprints; set by the build once read. */
  packerVariables?: string;
  dryRun: boolean;
  json: boolean;
  local: boolean;
  ec2Endpoint?: string;
  localFaults?: string;
  amiList?: string;
  waitForLock: boolean;
  force: boolean;
  strategy?: "build" | "copy";
  /** `--spot`: every cell builds on Spot. */
  spot: boolean;
  rerunFailed?: string;
  report?: string;
  concurrency?: number;
  regionConcurrency?: number;
  retries: number;
  retryDelaySeconds: number;
  killAfterSeconds: number;
  packer?: string;
  help: boolean;
}

export function toBuildOptions(values: FlagValues): CliOptions {
  const str = (name: string) => stringFlag(values, name);
  return {
    matrix: str("matrix"),
    only: listFlag(values, "only"),
    exclude: listFlag(values, "exclude"),
    shard: str("shard"),
    vars: listFlag(values, "var"),
    varFiles: listFlag(values, "var-file"),
    dryRun: values["dry-run"] === true,
    json: values.json === true,
    local: values.local === true,
    ec2Endpoint: str("ec2-endpoint"),
    localFaults: str("local-faults"),
    amiList: str("ami-list"),
    waitForLock: values["wait-for-lock"] === true,
    force: values.force === true,
    ...strategyOf(stringFlag(values, "strategy")),
    spot: values.spot === true,
    ...(stringFlag(values, "rerun-failed")
      ? { rerunFailed: stringFlag(values, "rerun-failed") }
      : {}),
    report: str("report"),
    concurrency: numberFlag(values, "concurrency", LIMIT_RANGES.concurrency),
    regionConcurrency: numberFlag(values, "region-concurrency", LIMIT_RANGES.regionConcurrency),
    retries: numberFlag(values, "retries", LIMIT_RANGES.retries) ?? DEFAULT_RETRIES,
    retryDelaySeconds:
      numberFlag(values, "retry-delay", LIMIT_RANGES.retryDelaySeconds) ??
      DEFAULT_RETRY_DELAY_SECONDS,
    killAfterSeconds:
      numberFlag(values, "kill-after", LIMIT_RANGES.killAfterSeconds) ?? DEFAULT_KILL_AFTER_SECONDS,
    packer: str("packer"),
    help: values.help === true,
  };
}

function strategyOf(text: string | undefined): { strategy?: "build" | "copy" } {
  if (text === undefined) return {};
  if (text === "build" || text === "copy") return { strategy: text };
  throw new UserError(`--strategy ${text}: expected build or copy`);
}
