// Situations a user runs into, each answered with one message naming the thing and what to do, exit 2,
// and no stack trace.
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { projectPaths } from "../../src/project-paths.ts";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { cliEnv } from "../support/prune-and-sweep-fixtures.ts";
import { messageOf, runCli } from "../support/run-cli.ts";
import { standInPackerPath } from "../support/stand-in-run.ts";

const fixture = useEc2Local("ami-matrix-mistakes-");

function expectOneMessage(result: { code: number; stderr: string }, text: string) {
  expect(result.code).toBe(2);
  const message = messageOf(result.stderr);
  expect(message).toMatch(/^error: /);
  expect(message).toContain(text);
  expect(message).not.toMatch(/^\s+at /m);
  expect(message).not.toContain("This is a bug");
}

function dryRun(args: string[], env: NodeJS.ProcessEnv = cliEnv) {
  return runCli(
    ["--dry-run", "--ec2-endpoint", fixture.ec2.url, "--only", "region=us-east-1", ...args],
    { env },
  );
}

describe("--packer that is not Packer", () => {
  it("/bin/false: it exited 1 and printed nothing", async () => {
    expectOneMessage(
      await dryRun(["--packer", "/bin/false"]),
      "Could not read the version of Packer at /bin/false with `/bin/false version -machine-readable`: it exited 1 and printed nothing. Is it Packer?",
    );
  });

  it("a program printing garbage for `version`", async () => {
    const script = path.join(await mkdtemp(path.join(fixture.scratch, "garbage-")), "packer");
    await writeFile(script, "#!/bin/sh\necho 'Usage: not-packer [options]'\n");
    await chmod(script, 0o755);
    expectOneMessage(
      await dryRun(["--packer", script]),
      'it printed no version record, only "Usage: not-packer [options]". Is it Packer?',
    );
  });
});

it("sweep --runs given a file", async () => {
  const file = path.join(fixture.scratch, "report.json");
  await writeFile(file, "{}\n");
  expectOneMessage(
    await runCli(["sweep", "--dry-run", "--ec2-endpoint", fixture.ec2.url, "--runs", file], {
      env: cliEnv,
    }),
    `--runs ${file} is a file; give a folder (the one that holds the run folders, runs/ in the project by default)`,
  );
});

it("--local with --ec2-endpoint is refused rather than --local being ignored", async () => {
  expectOneMessage(
    await dryRun(["--local", "--packer", standInPackerPath]),
    "--local starts its own ec2-local and --ec2-endpoint names one you run; give one of them.",
  );
});

it("an AWS_PROFILE that does not exist is named, with where it was looked for", async () => {
  vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true"); // the SDK reads this process's environment
  try {
    const home = await mkdtemp(path.join(fixture.scratch, "home-"));
    const { AWS_ACCESS_KEY_ID: _, AWS_SECRET_ACCESS_KEY: __, ...rest } = cliEnv;
    const result = await runCli(
      [
        "--packer",
        standInPackerPath,
        "--only",
        "region=us-east-1",
        "--ami-list",
        path.join(home, "ami-list"),
      ],
      { env: { ...rest, HOME: home, AWS_PROFILE: "nope", AWS_EC2_METADATA_DISABLED: "true" } },
    );
    expectOneMessage(
      result,
      `AWS credentials: AWS profile "nope" (from AWS_PROFILE) not found in ${path.join(home, ".aws", "credentials")} or ${path.join(home, ".aws", "config")} (no profiles there); set AWS_PROFILE to a profile that exists`,
    );
    expect(result.stderr).not.toContain("Could not load credentials from any providers");
  } finally {
    vi.unstubAllEnvs();
  }
});

describe("a matrix file's JSON", () => {
  async function withMatrix(text: string) {
    const file = path.join(await mkdtemp(path.join(fixture.scratch, "matrix-")), "matrix.json");
    await writeFile(file, text);
    return dryRun(["--matrix", file, "--packer", standInPackerPath]);
  }

  it("with a byte order mark is read as it is meant", async () => {
    const spark = await readFile(projectPaths.matrix, "utf8");
    const result = await withMatrix(`\uFEFF${spark}`);
    expect(messageOf(result.stderr)).toBe("");
    expect(result.code).toBe(0);
    const runId = /, run (\S+)/.exec(result.stdout)?.[1];
    if (runId) await rm(path.join(projectPaths.runs, runId), { recursive: true, force: true });
  });

  it("with a trailing comma gets its line and column", async () => {
    expectOneMessage(
      await withMatrix('{\n  "axes": {\n    "image": ["base"],\n  }\n}\n'),
      "not valid JSON at line 3, column 22: trailing comma before `}`: JSON allows none; remove it",
    );
  });

  it("that is empty says so", async () => {
    expectOneMessage(await withMatrix(""), "the file is empty; it should hold a JSON object");
  });
});
