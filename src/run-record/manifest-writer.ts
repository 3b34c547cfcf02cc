// Keeps runs/<id>/packer-manifest.json on disk as builds finish: each succeeded build is added the
// moment its cell is written, and the file is rewritten atomically, one write at a time (a build that
// finishes during a write is in the next one), so a reader never sees half of it.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { errorMessage } from "../errors.ts";
import { writeFileAtomic } from "../fs/write-file-atomic.ts";
import {
  formatManifest,
  type ManifestBuild,
  PACKER_MANIFEST_FILE,
  type PackerManifest,
} from "./packer-manifest.ts";

export interface ManifestWriter {
  readonly runUuid: string;
  /** Adds a build and writes the file; never throws (the build is done either way). */
  add(build: ManifestBuild): Promise<void>;
  /** Waits for the last write; the first write error, if any. */
  close(): Promise<string | undefined>;
}

export function createManifestWriter({
  runDir,
  runUuid = randomUUID(),
  write = writeFileAtomic,
}: {
  runDir: string;
  runUuid?: string;
  write?: (file: string, text: string) => Promise<void>;
}): ManifestWriter {
  const file = path.join(runDir, PACKER_MANIFEST_FILE);
  const manifest: PackerManifest = { builds: [], last_run_uuid: runUuid };
  let writing: Promise<void> = Promise.resolve();
  let error: string | undefined;
  return {
    runUuid,
    add(build) {
      manifest.builds.push(build);
      writing = writing.then(async () => {
        try {
          await write(file, formatManifest(manifest));
        } catch (cause) {
          error ??= `${PACKER_MANIFEST_FILE} is incomplete: ${errorMessage(cause)}`;
        }
      });
      return writing;
    },
    async close() {
      await writing;
      return error;
    },
  };
}
