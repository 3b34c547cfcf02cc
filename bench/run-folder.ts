// The folder a run leaves under the project's runs/: found from the report (or the progress lines when
// there is no report), measured, then removed.
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { projectPaths } from "../src/project-paths.ts";
import type { StampedWrite } from "./figures.ts";

const RUN_ID = /^\d{8}T\d{6}Z-[0-9a-f]+$/;

// Only a folder named like a run id, directly inside the project's runs/, is ever touched.
export function runFolder(runId: string | undefined): string | undefined {
  return runId !== undefined && RUN_ID.test(runId)
    ? path.join(projectPaths.runs, runId)
    : undefined;
}

/** The run id in a `started (...), log runs/<run id>/...` line. */
export function runIdFromOutput(writes: readonly StampedWrite[]): string | undefined {
  for (const { text } of writes) {
    const match = /runs[/\\]([^/\\\s]+)[/\\]/.exec(text);
    if (match?.[1] && RUN_ID.test(match[1])) return match[1];
  }
  return undefined;
}

export async function logFilesUnder(folder: string): Promise<{ count: number; bytes: number }> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  let count = 0;
  let bytes = 0;
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".log")) continue;
    count++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { count, bytes };
}

export async function removeRunFolder(runId: string | undefined): Promise<void> {
  const folder = runFolder(runId);
  if (folder) await rm(folder, { recursive: true, force: true });
  else process.stderr.write("bench: could not tell which runs/ folder this run made, if any\n");
}
