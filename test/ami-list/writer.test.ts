import * as nodeFs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AmiListPathError } from "../../src/ami-list/errors.ts";
import type { AmiListFs } from "../../src/ami-list/update-index.ts";
import { createAmiListWriter } from "../../src/ami-list/writer.ts";
import { makeTempDir } from "../support/temp-dir.ts";

const AMI_A = "ami-0000000000000000a";
const AMI_B = "ami-0000000000000000b";

async function readIndex(dir: string): Promise<unknown> {
  return JSON.parse(await nodeFs.readFile(path.join(dir, "index.json"), "utf8"));
}

async function writeRaw(dir: string, file: string, content: string): Promise<void> {
  await nodeFs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await nodeFs.writeFile(path.join(dir, file), content);
}

// Everything under a folder, path → bytes, to prove files were left exactly as they were.
async function snapshotFolder(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await nodeFs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full).split(path.sep).join("/")] = (
      await nodeFs.readFile(full)
    ).toString("base64");
  }
  return files;
}

describe("createAmiListWriter", () => {
  it("writes a job's cell and an index that lists it", async () => {
    const dir = await makeTempDir();
    const writer = createAmiListWriter({ dir });

    expect(await writer.write("spark/us-east-1/hvm", AMI_A)).toBe("written");

    expect(await nodeFs.readFile(path.join(dir, "spark/us-east-1/hvm"), "utf8")).toBe(`${AMI_A}\n`);
    expect(await readIndex(dir)).toEqual({ cells: { "spark/us-east-1/hvm": AMI_A } });
  });

  it("replaces a cell whose AMI changed", async () => {
    const dir = await makeTempDir();
    await writeRaw(dir, "spark/us-east-1/hvm", `${AMI_A}\n`);
    const writer = createAmiListWriter({ dir });

    expect(await writer.write("spark/us-east-1/hvm", AMI_B)).toBe("written");

    expect(await nodeFs.readFile(path.join(dir, "spark/us-east-1/hvm"), "utf8")).toBe(`${AMI_B}\n`);
    expect(await readIndex(dir)).toEqual({ cells: { "spark/us-east-1/hvm": AMI_B } });
  });

  it("does not touch a cell or the index when nothing changed", async () => {
    const dir = await makeTempDir();
    const writer = createAmiListWriter({ dir });
    await writer.write("spark/us-east-1/hvm", AMI_A);
    const cell = path.join(dir, "spark/us-east-1/hvm");
    const index = path.join(dir, "index.json");
    const longAgo = new Date("2020-01-01T00:00:00Z");
    await nodeFs.utimes(cell, longAgo, longAgo);
    await nodeFs.utimes(index, longAgo, longAgo);
    const before = await Promise.all([nodeFs.stat(cell), nodeFs.stat(index)]);

    expect(await writer.write("spark/us-east-1/hvm", AMI_A)).toBe("unchanged");

    const after = await Promise.all([nodeFs.stat(cell), nodeFs.stat(index)]);
    expect(after.map((s) => [s.ino, s.mtimeMs])).toEqual(before.map((s) => [s.ino, s.mtimeMs]));
  });

  it("says what is in the way when a cell cannot be written, instead of a raw EISDIR or ENOTDIR", async () => {
    const dir = await makeTempDir();
    await nodeFs.mkdir(path.join(dir, "spark/us-east-1/hvm"), { recursive: true });
    await writeRaw(dir, "base/us-east-1", "");
    const writer = createAmiListWriter({ dir });
    await expect(writer.write("spark/us-east-1/hvm", AMI_A)).rejects.toThrow(
      `${AMI_A} was built, but its AMI list cell spark/us-east-1/hvm could not be written: ${path.join(dir, "spark/us-east-1/hvm")} is a folder, but the cell spark/us-east-1/hvm must be a file holding one AMI id; move or remove it. The AMI is recorded in this run's report`,
    );
    await expect(writer.write("base/us-east-1/pv", AMI_A)).rejects.toThrow(
      `${path.join(dir, "base/us-east-1")} is a file, but the cell base/us-east-1/pv needs a folder there`,
    );
  });

  it("leaves a legacy cell with the same AMI as it is, to avoid churn in the committed folder", async () => {
    const dir = await makeTempDir();
    await writeRaw(dir, "spark/us-east-1/hvm", `${AMI_A}\r\n`);
    const writer = createAmiListWriter({ dir });

    expect(await writer.write("spark/us-east-1/hvm", AMI_A)).toBe("unchanged");

    expect(await nodeFs.readFile(path.join(dir, "spark/us-east-1/hvm"), "utf8")).toBe(
      `${AMI_A}\r\n`,
    );
  });

  it("keeps every other cell byte for byte, legacy formats included, and lists them in the index", async () => {
    const dir = await makeTempDir();
    await writeRaw(dir, "base/us-east-1/hvm", `${AMI_A}\n`);
    await writeRaw(dir, "base/us-east-1/pv", "ami-1a2b3c4d");
    await writeRaw(dir, "base/eu-west-1/hvm", `${AMI_B}\r\n`);
    await writeRaw(dir, "old/eu-west-1/pv", `\uFEFF${AMI_B}\n\n`);
    const before = await snapshotFolder(dir);

    await createAmiListWriter({ dir }).write("spark/us-east-1/hvm", AMI_B);

    const after = await snapshotFolder(dir);
    const {
      "spark/us-east-1/hvm": written,
      "index.json": _index,
      "amis.tf.json": _terraform,
      ...untouched
    } = after;
    expect(untouched).toEqual(before);
    expect(written).toBeDefined();
    expect(await readIndex(dir)).toEqual({
      cells: {
        "base/eu-west-1/hvm": AMI_B,
        "base/us-east-1/hvm": AMI_A,
        "base/us-east-1/pv": "ami-1a2b3c4d",
        "old/eu-west-1/pv": AMI_B,
        "spark/us-east-1/hvm": AMI_B,
      },
    });
  });

  it("reports unreadable cells and keeps them, visibly, in the index", async () => {
    const dir = await makeTempDir();
    await writeRaw(dir, "base/us-east-1/hvm", "<<<<<<< HEAD\nami-0000000000000000a\n");
    await writeRaw(dir, "base/us-east-1/pv", "");
    const writer = createAmiListWriter({ dir });
    await writer.write("spark/us-east-1/hvm", AMI_A);

    const update = await writer.updateIndex();

    expect(update.unreadable).toEqual([
      { file: "base/us-east-1/hvm", reason: "2 lines, expected a single AMI id" },
      { file: "base/us-east-1/pv", reason: "empty file" },
    ]);
    expect(await readIndex(dir)).toEqual({
      cells: { "spark/us-east-1/hvm": AMI_A },
      unreadable: {
        "base/us-east-1/hvm": "2 lines, expected a single AMI id",
        "base/us-east-1/pv": "empty file",
      },
    });
    expect(await nodeFs.readFile(path.join(dir, "base/us-east-1/pv"), "utf8")).toBe("");
  });

  it("leaves hidden files (temp files of a killed run, .gitkeep) out of the index", async () => {
    const dir = await makeTempDir();
    await writeRaw(dir, ".gitkeep", "");
    await writeRaw(dir, "spark/us-east-1/.hvm.1234.abcd.tmp", "ami-0");
    const writer = createAmiListWriter({ dir });

    const update = await writer.updateIndex();

    expect(update).toEqual({ status: "written", cells: {}, unreadable: [], builds: {} });
    expect(await readIndex(dir)).toEqual({ cells: {} });
  });

  it("rewrites the index only when it changed", async () => {
    const dir = await makeTempDir();
    const writer = createAmiListWriter({ dir });
    await writer.write("spark/us-east-1/hvm", AMI_A);

    expect((await writer.updateIndex()).status).toBe("unchanged");
    await writeRaw(dir, "base/us-east-1/hvm", AMI_B);
    expect((await writer.updateIndex()).status).toBe("written");
  });

  it("writes 32 cells from parallel jobs and an index listing exactly them", async () => {
    const dir = await makeTempDir();
    const writer = createAmiListWriter({ dir });
    const cells = Array.from({ length: 32 }, (_, i) => ({
      file: `image-${i % 4}/region-${Math.floor(i / 8)}/${i % 2 === 0 ? "hvm" : "pv"}-${i}`,
      amiId: `ami-${i.toString(16).padStart(17, "0")}`,
    }));

    const results = await Promise.all(cells.map(({ file, amiId }) => writer.write(file, amiId)));

    expect(results).toEqual(cells.map(() => "written"));
    const files = await snapshotFolder(dir);
    expect(Object.keys(files).sort()).toEqual(
      [...cells.map((c) => c.file), "index.json", "amis.tf.json"].sort(),
    );
    expect(await readIndex(dir)).toEqual({
      cells: Object.fromEntries(cells.map(({ file, amiId }) => [file, amiId])),
    });
  });

  it("never lets a slow, older scan overwrite a newer index", async () => {
    const dir = await makeTempDir();
    let scans = 0;
    const firstScanIsSlow = {
      ...nodeFs,
      readdir: (async (...args: Parameters<typeof nodeFs.readdir>) => {
        const entries = await nodeFs.readdir(...args);
        if (args[0] === dir && ++scans === 1) await new Promise((r) => setTimeout(r, 100));
        return entries;
      }) as typeof nodeFs.readdir,
    };
    const writer = createAmiListWriter({ dir, fs: firstScanIsSlow });

    const first = writer.write("a/us-east-1/hvm", AMI_A);
    await new Promise((r) => setTimeout(r, 30));
    await Promise.all([first, writer.write("b/us-east-1/hvm", AMI_B)]);

    expect(await readIndex(dir)).toEqual({
      cells: { "a/us-east-1/hvm": AMI_A, "b/us-east-1/hvm": AMI_B },
    });
  });

  it("keeps the old cell and index when the write fails before the rename", async () => {
    const dir = await makeTempDir();
    await createAmiListWriter({ dir }).write("spark/us-east-1/hvm", AMI_A);
    const before = await snapshotFolder(dir);
    const crashing: AmiListFs = {
      ...nodeFs,
      rename: async () => {
        throw new Error("simulated crash before rename");
      },
    };

    await expect(
      createAmiListWriter({ dir, fs: crashing }).write("spark/us-east-1/hvm", AMI_B),
    ).rejects.toThrow(/simulated crash before rename/);

    expect(await snapshotFolder(dir)).toEqual(before);
    expect(await nodeFs.readdir(path.join(dir, "spark/us-east-1"))).toEqual(["hvm"]);
  });

  it("refuses a cell path that escapes the folder and writes nothing", async () => {
    const parent = await makeTempDir();
    const dir = path.join(parent, "ami-list");
    const writer = createAmiListWriter({ dir });

    await expect(writer.write("../escaped", AMI_A)).rejects.toBeInstanceOf(AmiListPathError);
    await expect(writer.write("/tmp/escaped", AMI_A)).rejects.toThrow(/absolute/);

    expect(await nodeFs.readdir(parent)).toEqual([]);
  });

  it("refuses to store something that is not an AMI id", async () => {
    const dir = await makeTempDir();
    await expect(createAmiListWriter({ dir }).write("spark/us-east-1/hvm", "")).rejects.toThrow(
      /expected an AMI id/,
    );
    expect(await nodeFs.readdir(dir)).toEqual([]);
  });
});
