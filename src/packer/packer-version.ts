// Which Packer we drive decides how templates are prepared: 1.7+ needs `packer init` for plugins, while
// 1.6.x rejects both `init` and `required_plugins`.
import { execa } from "execa";
import { PackerVersionError } from "./errors.ts";
import { parseMachineReadableLine } from "./machine-readable.ts";
import { signalProcessGroup } from "./process-group.ts";

export interface PackerVersion {
  /** As printed, e.g. `1.6.6`. */
  version: string;
  major: number;
  minor: number;
  patch: number;
}

// Reads the `version` record of `packer version -machine-readable`; undefined when there is none.
export function parsePackerVersion(output: string): PackerVersion | undefined {
  for (const line of output.split(/\r?\n/)) {
    const record = parseMachineReadableLine(line);
    if (record?.type !== "version") continue;
    const version = record.args[0] ?? "";
    const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
    if (!match) return undefined;
    return { version, major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
  }
  return undefined;
}

// `packer init` and `required_plugins` exist from Packer 1.7 on.
export function needsInit({ major, minor }: PackerVersion): boolean {
  return major > 1 || (major === 1 && minor >= 7);
}

/** `packer version` answers at once; one that takes longer is not Packer, or is stuck. */
export const VERSION_TIMEOUT_MS = 15_000;

// Run in a process group of its own, so that on a timeout, or when it exits, nothing it started lingers
// (a child left holding the output pipe would also keep us waiting).
export async function readPackerVersion(
  packerPath: string,
  {
    env = process.env,
    timeoutMs = VERSION_TIMEOUT_MS,
  }: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<PackerVersion> {
  const subprocess = execa(packerPath, ["version", "-machine-readable"], {
    env: { ...env, CHECKPOINT_DISABLE: "1" },
    extendEnv: false,
    detached: true,
    reject: false,
    stdin: "ignore",
    all: true,
  });
  const { pid } = subprocess;
  const killGroup = () => {
    if (pid !== undefined) signalProcessGroup(pid, "SIGKILL");
  };
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, timeoutMs);
  subprocess.once("exit", killGroup);
  const result = await subprocess;
  clearTimeout(timer);
  const fail = (detail: string) => new PackerVersionError({ packerPath, detail, cause: result });
  if (timedOut) throw fail(`it did not answer within ${timeoutMs / 1000} s and was stopped`);
  if (result.failed && result.exitCode === undefined && !result.signal)
    throw fail(`it could not be started (${result.code ?? result.shortMessage})`);
  const output = String(result.all ?? "");
  if (result.exitCode !== 0) {
    const how =
      result.exitCode === undefined
        ? `was killed by ${result.signal}`
        : `exited ${result.exitCode}`;
    throw fail(`it ${how} and printed ${shown(output)}`);
  }
  const version = parsePackerVersion(String(result.stdout ?? ""));
  if (!version) throw fail(`it printed no version record, only ${shown(output)}`);
  return version;
}

function shown(output: string): string {
  const text = output.trim();
  if (text === "") return "nothing";
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}
