// Picks the Packer binary the way a user expects: an explicit choice wins and is never silently replaced
// by another Packer found elsewhere.
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { delimiter, join, resolve } from "node:path";
import { PackerNotFoundError } from "./errors.ts";

export interface FindPackerOptions {
  /** Value of `--packer`, resolved from `cwd`. */
  flag?: string;
  env: Record<string, string | undefined>;
  cwd: string;
}

export async function findPacker({ flag, env, cwd }: FindPackerOptions): Promise<string> {
  if (flag) return explicit({ label: "--packer", path: resolve(cwd, flag) });
  if (env.PACKER)
    return explicit({ label: "PACKER environment variable", path: resolve(cwd, env.PACKER) });
  const dirs = (env.PATH ?? "").split(delimiter).filter((dir) => dir !== "");
  for (const dir of dirs) {
    const candidate = resolve(cwd, join(dir, "packer"));
    if ((await problemWith(candidate)) === undefined) return candidate;
  }
  throw new PackerNotFoundError({
    looked: [
      "--packer: not given",
      "PACKER environment variable: not set",
      dirs.length
        ? `PATH: no executable named packer in ${dirs.join(", ")}`
        : "PATH: empty, so nothing to search",
    ],
  });
}

async function explicit({ label, path }: { label: string; path: string }): Promise<string> {
  const problem = await problemWith(path);
  if (problem) throw new PackerNotFoundError({ looked: [`${label}: ${path} (${problem})`] });
  return path;
}

// Why a path cannot be run as Packer, or undefined when it can.
async function problemWith(path: string): Promise<string | undefined> {
  try {
    if (!(await stat(path)).isFile()) return "not a file";
  } catch {
    return "not found";
  }
  try {
    await access(path, constants.X_OK);
  } catch {
    return "not executable";
  }
  return undefined;
}
