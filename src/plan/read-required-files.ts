// The files the jobs' `requiresFiles` name, read once: which are missing (their cells are skipped), a
// digest of each for the fingerprints, and their contents for masking alone (a provisioner that prints
// a license or token shows ***). The digest is scrypt, slow to guess from: the fingerprint's inputs are
// committed in the AMI list's index.json, and a short token's plain SHA-256 could be guessed.

import { scrypt } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../errors.ts";
import type { Job } from "../model/job.ts";

export interface RequiredFiles {
  /** Path as the matrix names it (relative to packer/) → digest of its content. */
  digests: ReadonlyMap<string, string>;
  /** Paths not in the project: the cells that need them are skipped. */
  missing: ReadonlySet<string>;
  /** The contents, to mask wherever the run shows or writes anything; never written or shown. */
  values: readonly string[];
}

export const NO_REQUIRED_FILES: RequiredFiles = {
  digests: new Map(),
  missing: new Set(),
  values: [],
};

export async function readRequiredFiles({
  packerDir,
  jobs,
}: {
  packerDir: string;
  jobs: readonly Job[];
}): Promise<RequiredFiles> {
  const files = [...new Set(jobs.flatMap((job) => job.requiresFiles))];
  const digests = new Map<string, string>();
  const missing = new Set<string>();
  const values: string[] = [];
  await Promise.all(
    files.map(async (file) => {
      let content: Buffer;
      try {
        content = await readFile(path.join(packerDir, file));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR") {
          missing.add(file);
          return;
        }
        throw new UserError(
          `packer/${file} (requiresFiles) is there but cannot be read (${code ?? error}); make it a file you can read, or remove it to skip the cells that need it.`,
          { cause: error },
        );
      }
      digests.set(file, await slowDigest(content));
      values.push(content.toString("utf8").trim());
    }),
  );
  return { digests, missing, values };
}

// The salt is fixed so that every checkout and CI runner computes the same fingerprint.
function slowDigest(content: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    scrypt(content, "ami-matrix requiresFiles", 32, { N: 2 ** 14, r: 8, p: 1 }, (error, key) =>
      error ? reject(error) : resolve(key.toString("hex")),
    );
  });
}
