// Appends Packer's (masked) output to a per-attempt log while respecting disk back-pressure, so a fast
// build never piles output up in memory.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { dirname } from "node:path";
import { ensureDir } from "fs-extra/esm";

export interface LogFile {
  writeLine(line: string): Promise<void>;
  close(): Promise<void>;
}

export async function openLogFile(path: string): Promise<LogFile> {
  await ensureDir(dirname(path));
  const stream = createWriteStream(path, { flags: "a" });
  let failure: Error | undefined;
  stream.on("error", (error) => {
    failure ??= error;
  });
  await once(stream, "open");
  return {
    async writeLine(line) {
      if (failure) throw failure;
      if (!stream.write(`${line}\n`)) await once(stream, "drain");
    },
    async close() {
      if (!failure) await new Promise<void>((resolve) => stream.end(resolve));
      if (failure) throw failure;
    },
  };
}
