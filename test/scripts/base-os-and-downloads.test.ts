// base.sh in real bash: which OS it provisions for (and what it tells a matrix still pointing at an
// unsupported one), and its pinned downloads, which keep a file only when its SHA-256 is the pinned one.
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callFunction } from "./support/call-function.ts";

// /etc/os-release as each image ships it (abridged).
const osReleases = {
  al2023: `NAME="Amazon Linux"\nVERSION="2023"\nID="amzn"\nID_LIKE="fedora"\nVERSION_ID="2023"\nPLATFORM_ID="platform:al2023"\nPRETTY_NAME="Amazon Linux 2023.11.20260505"\n`,
  al1: `NAME="Amazon Linux AMI"\nVERSION="2018.03"\nID="amzn"\nID_LIKE="rhel fedora"\nVERSION_ID="2018.03"\nPRETTY_NAME="Amazon Linux AMI 2018.03"\n`,
  al2: `NAME="Amazon Linux"\nVERSION="2"\nID="amzn"\nID_LIKE="centos rhel fedora"\nVERSION_ID="2"\nPRETTY_NAME="Amazon Linux 2"\n`,
  ubuntu: `NAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu 24.04.1 LTS"\n`,
};

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "base-sh-"));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function osFamily(os: keyof typeof osReleases) {
  const file = path.join(root, `os-release-${os}`);
  await writeFile(file, osReleases[os]);
  return callFunction("base.sh", "os_family", [file]);
}

describe("the OS base.sh provisions for", () => {
  it("is Amazon Linux 2023 for HVM and Amazon Linux AMI 2018.03 for PV", async () => {
    expect(await osFamily("al2023")).toMatchObject({ code: 0, stdout: "al2023", stderr: "" });
    expect(await osFamily("al1")).toMatchObject({ code: 0, stdout: "al1", stderr: "" });
  });

  it("is read from a file whose last line has no newline", async () => {
    const file = path.join(root, "os-release-unterminated");
    await writeFile(file, 'NAME="Amazon Linux"\nID="amzn"\nVERSION_ID="2023"');
    expect(await callFunction("base.sh", "os_family", [file])).toMatchObject({
      code: 0,
      stdout: "al2023",
    });
  });

  it("is not Amazon Linux 2, and the message says what to use instead", async () => {
    const result = await osFamily("al2");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toBe(
      "base.sh: Amazon Linux 2 is not supported (its pssh and Ganglia came from the archived EPEL 7): use Amazon Linux 2023 for HVM, e.g. the source AMI name al2023-ami-2023.*-x86_64",
    );
  });

  it("is nothing else, and the message names the OS it found", async () => {
    const result = await osFamily("ubuntu");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("unsupported OS 'ubuntu 24.04'");
  });
});

describe("a pinned download", () => {
  async function served(content: Buffer) {
    const dir = await mkdtemp(path.join(root, "download-"));
    const source = path.join(dir, "release.tar.gz");
    await writeFile(source, content);
    return { dir, url: pathToFileURL(source).href, dest: path.join(dir, "fetched.tar.gz") };
  }

  it("is kept when its SHA-256 is the pinned one", async () => {
    const content = randomBytes(32 * 1024);
    const { dir, url, dest } = await served(content);
    const sha256 = createHash("sha256").update(content).digest("hex");
    const result = await callFunction("base.sh", "fetch_pinned", [url, sha256, dest]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(await readdir(dir)).toContain("fetched.tar.gz");
  });

  it("is refused and deleted when its SHA-256 differs", async () => {
    const content = randomBytes(32 * 1024);
    const { dir, url, dest } = await served(content);
    const pinned = createHash("sha256").update(Buffer.from("what was pinned")).digest("hex");
    const result = await callFunction("base.sh", "fetch_pinned", [url, pinned, dest]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`checksum mismatch for ${url}: expected SHA-256 ${pinned}`);
    expect(await readdir(dir)).toEqual(["release.tar.gz"]);
  });

  it("is refused over plain HTTP", async () => {
    const { dest } = await served(randomBytes(16));
    const result = await callFunction("base.sh", "fetch_pinned", [
      "http://127.0.0.1:9/release.tar.gz",
      "0".repeat(64),
      dest,
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("could not download http://127.0.0.1:9/release.tar.gz");
  });
});
