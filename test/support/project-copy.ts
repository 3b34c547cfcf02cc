// A copy of the project in a scratch folder, for what cannot be staged in the real one while other tests
// use it: its runs/ made a file, a broken template in its packer/. node_modules is linked, not copied.
import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { onTestFinished } from "vitest";

const PROJECT = path.join(import.meta.dirname, "..", "..");

export async function copyProject(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "ami-matrix-copy-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await copyProjectInto(dir);
  return dir;
}

/** The copy itself, for callers outside a test (the benchmarks), which remove `dir` themselves. */
export async function copyProjectInto(dir: string): Promise<void> {
  for (const entry of ["src", "matrix", "packer", "build-amis.ts", "package.json", "tsconfig.json"])
    await cp(path.join(PROJECT, entry), path.join(dir, entry), { recursive: true });
  await symlink(path.join(PROJECT, "node_modules"), path.join(dir, "node_modules"));
}

/** The CLI of a copied project, run as the README says, from inside it. */
export async function runCopy(dir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return execa(
    path.join(dir, "node_modules", ".bin", "tsx"),
    [path.join(dir, "build-amis.ts"), ...args],
    {
      cwd: dir,
      reject: false,
      env: { CI: "true", ...env },
    },
  );
}
