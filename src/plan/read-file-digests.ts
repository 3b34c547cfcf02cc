// The digests of the scripts and user data files the jobs use, read once: what their fingerprints say
// about the files.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Job } from "../model/job.ts";
import { buildFiles } from "./build-files.ts";
import { digest } from "./fingerprint.ts";

/** Project-relative path (as the matrix names it) → digest; a file that cannot be read is left out. */
export async function readFileDigests({
  packerDir,
  jobs,
}: {
  packerDir: string;
  jobs: readonly Job[];
}): Promise<Map<string, string>> {
  const files = [...new Set(jobs.flatMap(buildFiles))];
  const read = await Promise.all(
    files.map(async (file) => {
      const content = await readFile(path.join(packerDir, file)).catch(() => undefined);
      return content === undefined ? [] : [[file, digest(content)] as [string, string]];
    }),
  );
  return new Map(read.flat());
}
