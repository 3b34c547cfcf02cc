// Which Packer we drive decides how templates are prepared: 1.7+ needs `packer init` for plugins, while
// 1.6.x rejects both `init` and `required_plugins`.
import { execa } from "execa";
import { PackerVersionError } from "./errors.ts";
import { parseMachineReadableLine } from "./machine-readable.ts";

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

export async function readPackerVersion(
  packerPath: string,
  { env = process.env }: { env?: NodeJS.ProcessEnv } = {},
): Promise<PackerVersion> {
  let output: string;
  try {
    ({ stdout: output } = await execa(packerPath, ["version", "-machine-readable"], {
      timeout: 30_000,
      env: { ...env, CHECKPOINT_DISABLE: "1" },
      extendEnv: false,
    }));
  } catch (error) {
    throw new PackerVersionError({ packerPath, output: "", cause: error });
  }
  const version = parsePackerVersion(output);
  if (!version) throw new PackerVersionError({ packerPath, output });
  return version;
}
