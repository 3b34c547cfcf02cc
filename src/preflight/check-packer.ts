// Packer is there and says which version it is: the version decides whether `packer init` runs.
import { findPacker } from "../packer/find-packer.ts";
import { type PackerVersion, readPackerVersion } from "../packer/packer-version.ts";

export type PackerCheck =
  | { ok: true; path: string; version: PackerVersion }
  | { ok: false; error: Error };

export async function checkPacker({
  flag,
  env,
  cwd,
}: {
  /** `--packer`, if given. */
  flag: string | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
}): Promise<PackerCheck> {
  try {
    const path = await findPacker({ flag, env, cwd });
    return { ok: true, path, version: await readPackerVersion(path, { env }) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}
