import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PackerNotFoundError } from "../../src/packer/errors.ts";
import { findPacker } from "../../src/packer/find-packer.ts";

let root: string;

async function place(path: string, { executable }: { executable: boolean }) {
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, "#!/bin/sh\n");
  await chmod(path, executable ? 0o755 : 0o644);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "find-packer-"));
  await place(join(root, "tools/packer"), { executable: true });
  await place(join(root, "bin-a/packer"), { executable: false });
  await place(join(root, "bin-b/packer"), { executable: true });
  await place(join(root, "bin-c/packer"), { executable: true });
  await mkdir(join(root, "bin-dir/packer"), { recursive: true });
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe("findPacker", () => {
  it("resolves --packer from the working directory", async () => {
    const found = await findPacker({
      flag: "tools/packer",
      env: { PACKER: "/elsewhere" },
      cwd: root,
    });
    expect(found).toBe(join(root, "tools/packer"));
  });

  it("uses PACKER when there is no flag", async () => {
    const found = await findPacker({ env: { PACKER: join(root, "tools/packer") }, cwd: "/" });
    expect(found).toBe(join(root, "tools/packer"));
  });

  it("takes the first executable packer on PATH, skipping files that are not executable", async () => {
    const PATH = ["bin-dir", "bin-a", "bin-b", "bin-c"].map((d) => join(root, d)).join(delimiter);
    expect(await findPacker({ env: { PATH }, cwd: "/" })).toBe(join(root, "bin-b/packer"));
  });

  it("does not fall back to PATH when the chosen binary is missing", async () => {
    const error = await findPacker({
      flag: "nope/packer",
      env: { PATH: join(root, "bin-b") },
      cwd: root,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackerNotFoundError);
    expect((error as Error).message).toContain(
      `--packer: ${join(root, "nope/packer")} (not found)`,
    );
  });

  it("says when PACKER points at a file that cannot be run", async () => {
    const error = await findPacker({ env: { PACKER: join(root, "bin-a/packer") }, cwd: "/" }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toContain("(not executable)");
  });

  it("lists where it looked and how to install Packer", async () => {
    const PATH = [join(root, "bin-a"), join(root, "bin-dir")].join(delimiter);
    const error = await findPacker({ env: { PATH }, cwd: "/" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackerNotFoundError);
    const { message } = error as Error;
    expect(message).toContain(join(root, "bin-a"));
    expect(message).toContain(join(root, "bin-dir"));
    expect(message).toContain("apt-get install packer");
    expect(message).toContain("--packer PATH");
    expect(message).toContain("PACKER");
  });
});
