// spark.sh's SHA-512 check, run in real bash against local files written in both layouts Apache has
// published, and its download from a mirror given as a file:// base, so a release that would not verify
// (or a tampered one that would) is caught here instead of on an EC2 instance.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callFunction } from "./support/call-function.ts";

// `sha512sum` output, as Apache publishes it for Spark 3.x.
function sha512sumLayout(digest: string, name: string): string {
  return `${digest}  ${name}\n`;
}

// `gpg --print-md SHA512` output, as Apache published it for Spark 2.x: uppercase hex in groups, five
// groups of eight a line, continuation lines aligned under the first group.
function gpgLayout(digest: string, name: string, groupSize = 8): string {
  const groups = digest.toUpperCase().match(new RegExp(`.{1,${groupSize}}`, "g")) ?? [];
  const perLine = 40 / groupSize;
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += perLine)
    lines.push(groups.slice(i, i + perLine).join(" "));
  return `${name}: ${lines.join(`\n${" ".repeat(name.length + 2)}`)}\n`;
}

const layouts = [
  { layout: "sha512sum", version: "3.5.3", hadoop: "3", render: sha512sumLayout },
  { layout: "gpg --print-md", version: "2.4.8", hadoop: "2.7", render: gpgLayout },
  {
    layout: "gpg --print-md in groups of four",
    version: "2.4.8",
    hadoop: "2.7",
    render: (digest: string, name: string) => gpgLayout(digest, name, 4),
  },
];

let root: string;
let caseNumber = 0;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "spark-checksum-"));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function sha512(content: Buffer): string {
  return createHash("sha512").update(content).digest("hex");
}

// A mirror folder in Apache's layout (spark-V/spark-V-bin-hadoopH.tgz and its .sha512) holding a
// made-up release; `archive` and `checksum` let a test serve tampered bytes or a tampered digest.
async function mirror({
  version,
  hadoop,
  render,
  archive = randomBytes(64 * 1024),
  digest = sha512(archive),
}: {
  version: string;
  hadoop: string;
  render: (digest: string, name: string) => string;
  archive?: Buffer;
  digest?: string;
}) {
  caseNumber += 1;
  const base = path.join(root, `case-${caseNumber}`);
  const name = `spark-${version}-bin-hadoop${hadoop}.tgz`;
  const releaseDir = path.join(base, "mirror", `spark-${version}`);
  const downloads = path.join(base, "downloads");
  await mkdir(releaseDir, { recursive: true });
  await mkdir(downloads);
  const archivePath = path.join(releaseDir, name);
  const checksumPath = `${archivePath}.sha512`;
  await writeFile(archivePath, archive);
  await writeFile(checksumPath, render(digest, name));
  return {
    name,
    archivePath,
    checksumPath,
    downloads,
    baseUrl: pathToFileURL(path.join(base, "mirror")).href,
  };
}

function tamperedBytes(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy[copy.length >> 1] = (copy[copy.length >> 1] ?? 0) ^ 0x01;
  return copy;
}

function tamperedDigest(digest: string): string {
  return (digest[0] === "0" ? "1" : "0") + digest.slice(1);
}

describe.each(layouts)("an Apache checksum file in $layout layout", (release) => {
  it("verifies the archive it was made for", async () => {
    const files = await mirror(release);
    const result = await callFunction("spark.sh", "verify_sha512", [
      files.archivePath,
      files.checksumPath,
    ]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
  });

  it("rejects a tampered archive", async () => {
    const archive = randomBytes(64 * 1024);
    const files = await mirror({
      ...release,
      archive: tamperedBytes(archive),
      digest: sha512(archive),
    });
    const result = await callFunction("spark.sh", "verify_sha512", [
      files.archivePath,
      files.checksumPath,
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`checksum mismatch for ${files.name}`);
  });

  it("rejects a tampered checksum", async () => {
    const archive = randomBytes(64 * 1024);
    const files = await mirror({ ...release, archive, digest: tamperedDigest(sha512(archive)) });
    const result = await callFunction("spark.sh", "verify_sha512", [
      files.archivePath,
      files.checksumPath,
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`checksum mismatch for ${files.name}`);
  });

  it("downloads a good release from a mirror and prints where it is", async () => {
    const files = await mirror(release);
    const result = await callFunction("spark.sh", "fetch_spark_release", [
      files.baseUrl,
      release.version,
      release.hadoop,
      files.downloads,
    ]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout.trim()).toBe(path.join(files.downloads, files.name));
  });

  it("refuses a tampered release from a mirror and keeps none of it", async () => {
    const archive = randomBytes(64 * 1024);
    const files = await mirror({
      ...release,
      archive: tamperedBytes(archive),
      digest: sha512(archive),
    });
    const result = await callFunction("spark.sh", "fetch_spark_release", [
      files.baseUrl,
      release.version,
      release.hadoop,
      files.downloads,
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`checksum mismatch for ${files.name}`);
    expect(await readdir(files.downloads)).toEqual([]);
  });
});

it("rejects a checksum file made for another archive", async () => {
  const archive = randomBytes(64 * 1024);
  const files = await mirror({
    version: "3.5.3",
    hadoop: "3",
    archive,
    render: (digest) => sha512sumLayout(digest, "spark-3.5.2-bin-hadoop3.tgz"),
  });
  const result = await callFunction("spark.sh", "verify_sha512", [
    files.archivePath,
    files.checksumPath,
  ]);
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain(
    "is the checksum of spark-3.5.2-bin-hadoop3.tgz, not of spark-3.5.3-bin-hadoop3.tgz",
  );
});

it("rejects a checksum file in neither layout, such as an HTML error page", async () => {
  const files = await mirror({
    version: "3.5.3",
    hadoop: "3",
    render: () => "<html><body>404 Not Found</body></html>\n",
  });
  const result = await callFunction("spark.sh", "verify_sha512", [
    files.archivePath,
    files.checksumPath,
  ]);
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain("is not a SHA-512 checksum in a layout Apache uses");
});

it("says which URL it could not download", async () => {
  const files = await mirror({ version: "3.5.3", hadoop: "3", render: sha512sumLayout });
  const result = await callFunction("spark.sh", "fetch_spark_release", [
    files.baseUrl,
    "3.5.4",
    "3",
    files.downloads,
  ]);
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain(
    `could not download ${files.baseUrl}/spark-3.5.4/spark-3.5.4-bin-hadoop3.tgz`,
  );
});
