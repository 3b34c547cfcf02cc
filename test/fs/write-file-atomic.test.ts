import * as nodeFs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type AtomicWriteFs, writeFileAtomic } from "../../src/fs/write-file-atomic.ts";
import { makeTempDir } from "../support/temp-dir.ts";

// Stands in for a crash between writing the temp file and renaming it over the target.
function fsWhoseRenameFails(): AtomicWriteFs {
  return {
    ...nodeFs,
    rename: async () => {
      throw Object.assign(new Error("EIO: simulated crash before rename"), { code: "EIO" });
    },
  };
}

describe("writeFileAtomic", () => {
  it("creates missing folders and writes the content", async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, "a", "b", "report.json");
    await writeFileAtomic(file, "{}\n");
    expect(await nodeFs.readFile(file, "utf8")).toBe("{}\n");
  });

  it("leaves the old content intact and no temp file behind when the rename fails", async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, "hvm");
    await nodeFs.writeFile(file, "ami-0000000000000000a\n");

    const failing = writeFileAtomic(file, "ami-0000000000000000b\n", { fs: fsWhoseRenameFails() });

    await expect(failing).rejects.toThrow(`Could not write ${file}: EIO: simulated crash`);
    await expect(failing).rejects.toHaveProperty("cause.code", "EIO");
    expect(await nodeFs.readFile(file, "utf8")).toBe("ami-0000000000000000a\n");
    expect(await nodeFs.readdir(dir)).toEqual(["hvm"]);
  });

  it("never shows a partial file: the target keeps the old bytes until the complete new file replaces it", async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, "report.json");
    const oldContent = "old\n";
    const newContent = `${"x".repeat(1_000_000)}\n`;
    await nodeFs.writeFile(file, oldContent);
    const seenBeforeRename: { target: string; temp: string }[] = [];
    const watching: AtomicWriteFs = {
      ...nodeFs,
      rename: async (from, to) => {
        seenBeforeRename.push({
          target: await nodeFs.readFile(to, "utf8"),
          temp: await nodeFs.readFile(from, "utf8"),
        });
        await nodeFs.rename(from, to);
      },
    };

    await writeFileAtomic(file, newContent, { fs: watching });

    expect(seenBeforeRename).toEqual([{ target: oldContent, temp: newContent }]);
    expect(await nodeFs.readFile(file, "utf8")).toBe(newContent);
    expect(await nodeFs.readdir(dir)).toEqual(["report.json"]);
  });

  it("puts the temp file in the target's folder, hidden, so the rename cannot cross devices", async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, "sub", "hvm");
    const renames: string[] = [];
    const recording: AtomicWriteFs = {
      ...nodeFs,
      rename: async (from, to) => {
        renames.push(String(from));
        await nodeFs.rename(from, to);
      },
    };

    await writeFileAtomic(file, "ami-0000000000000000a\n", { fs: recording });

    expect(renames).toHaveLength(1);
    expect(path.dirname(renames[0] ?? "")).toBe(path.dirname(file));
    expect(path.basename(renames[0] ?? "")).toMatch(/^\.hvm\..*\.tmp$/);
  });
});
