import { readFileSync } from "node:fs";
import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PackerVersionError } from "../../src/packer/errors.ts";
import { findPacker } from "../../src/packer/find-packer.ts";
import {
  needsInit,
  parsePackerVersion,
  readPackerVersion,
} from "../../src/packer/packer-version.ts";
import { makeTempDir } from "../support/temp-dir.ts";
import { recordedText } from "./support/recordings.ts";
import { standInPacker } from "./support/stand-in.ts";

// Alive and not a zombie waiting to be reaped (which has stopped running for good).
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = readFileSyncOrEmpty(`/proc/${pid}/stat`);
  return !/^\d+ \(.*\) Z /.test(stat);
}

function readFileSyncOrEmpty(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

describe("parsePackerVersion", () => {
  it("reads real Packer 1.6.6 output", () => {
    expect(parsePackerVersion(recordedText("version-1.6.6"))).toEqual({
      version: "1.6.6",
      major: 1,
      minor: 6,
      patch: 6,
    });
  });

  it("reads a newer version", () => {
    const output = [
      "1732000000,,version,1.11.2",
      "1732000000,,version-prelease,",
      "1732000000,,version-commit,a1b2c3d",
      "1732000000,,ui,say,Packer v1.11.2",
    ].join("\n");
    expect(parsePackerVersion(output)).toMatchObject({
      version: "1.11.2",
      major: 1,
      minor: 11,
      patch: 2,
    });
  });

  it("finds no version in output that has none", () => {
    expect(parsePackerVersion("Packer v1.6.6\n")).toBeUndefined();
    expect(parsePackerVersion("1,,version,dev\n")).toBeUndefined();
  });
});

describe("needsInit", () => {
  it("is true from 1.7 on, where plugins are installed with packer init", () => {
    const at = (version: string) =>
      needsInit(parsePackerVersion(`1,,version,${version}`) ?? expect.fail());
    expect([at("1.6.6"), at("1.7.0"), at("1.11.2"), at("2.0.0"), at("0.12.3")]).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });
});

describe("readPackerVersion", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("reads the version of the Packer installed on PATH", async () => {
    const packer = await findPacker({ env: process.env, cwd: process.cwd() });
    expect(await readPackerVersion(packer)).toMatchObject({ major: 1 });
  });

  it("reads the version the stand-in reports", async () => {
    vi.stubEnv("FAKE_PACKER_VERSION", "1.11.2");
    expect(await readPackerVersion(standInPacker)).toMatchObject({ version: "1.11.2", minor: 11 });
  });

  it("names the binary and its output when there is no version in it", async () => {
    vi.stubEnv("FAKE_PACKER_VERSION", "banana");
    const error = await readPackerVersion(standInPacker).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackerVersionError);
    expect((error as Error).message).toContain(standInPacker);
    expect((error as Error).message).toContain("version,banana");
  });

  it("says when the program exits with an error and prints nothing (--packer /bin/false)", async () => {
    const error = await readPackerVersion("/bin/false").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackerVersionError);
    expect((error as Error).message).toBe(
      "Could not read the version of Packer at /bin/false with `/bin/false version -machine-readable`: it exited 1 and printed nothing. Is it Packer? Point --packer (or the PACKER environment variable) at the packer executable.",
    );
  });

  it("stops a program that does not answer, and leaves nothing of it running", async () => {
    const dir = await makeTempDir();
    const pidFile = join(dir, "child.pid");
    const hanging = join(dir, "hanging-packer");
    // Its child holds the output pipe open too, as a stuck wrapper's would.
    await writeFile(
      hanging,
      `#!/bin/sh
sleep 600 &
echo $! > ${pidFile}
sleep 600
`,
    );
    await chmod(hanging, 0o755);
    const error = await readPackerVersion(hanging, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackerVersionError);
    expect((error as Error).message).toContain("it did not answer within 0.3 s and was stopped");
    const child = Number(await readFile(pidFile, "utf8"));
    await vi.waitFor(() => expect(isRunning(child)).toBe(false));
  });

  it("names the binary when it cannot be run", async () => {
    const error = await readPackerVersion("/nonexistent/packer").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackerVersionError);
    expect((error as Error).message).toContain("/nonexistent/packer");
    expect((error as Error).cause).toBeDefined();
  });
});
