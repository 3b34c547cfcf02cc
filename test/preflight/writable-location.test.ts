import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writableLocationProblem } from "../../src/preflight/writable-location.ts";
import { runCli } from "../support/run-cli.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "ami-matrix-outputs-"));
  await writeFile(path.join(dir, "a-file"), "x");
  await mkdir(path.join(dir, "a-folder"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("writableLocationProblem", () => {
  it("accepts a path that does not exist yet below a writable folder, and creates nothing", async () => {
    const target = path.join(dir, "new", "deeper", "report.json");
    expect(
      await writableLocationProblem({ target, kind: "file", flag: "--report" }),
    ).toBeUndefined();
    expect(
      await writableLocationProblem({
        target: path.join(dir, "a-folder"),
        kind: "folder",
        flag: "--ami-list",
      }),
    ).toBeUndefined();
    await expect(
      import("node:fs/promises").then((fs) => fs.stat(path.join(dir, "new"))),
    ).rejects.toThrow();
  });

  it("names the flag and what is wrong with the path", async () => {
    expect(
      await writableLocationProblem({
        target: path.join(dir, "a-file"),
        kind: "folder",
        flag: "--ami-list",
      }),
    ).toBe(`--ami-list ${path.join(dir, "a-file")}: is a file, not a folder`);
    expect(
      await writableLocationProblem({
        target: path.join(dir, "a-folder"),
        kind: "file",
        flag: "--report",
      }),
    ).toBe(`--report ${path.join(dir, "a-folder")}: is a folder; give a file name`);
    expect(
      await writableLocationProblem({
        target: path.join(dir, "a-file", "report.json"),
        kind: "file",
        flag: "--report",
      }),
    ).toContain("is a file, so nothing can be written below it");
  });
});

it("a run with a bad --ami-list or --report stops at preflight, before any build", async () => {
  const { code, stderr } = await runCli(
    [
      "--local",
      "--only",
      "region=us-east-1",
      "--ami-list",
      "a-file",
      "--report",
      "a-file/report.json",
    ],
    { cwd: dir, env: { ...process.env, CI: "true" } },
  );
  expect(code).toBe(2);
  expect(stderr).toContain("Preflight found 2 problems; nothing was started");
  expect(stderr).toContain("--ami-list");
  expect(stderr).toContain("--report");
  expect(stderr).not.toMatch(/^\s+at /m);
});
