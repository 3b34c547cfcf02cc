// Credentials the SDK resolves (here a profile with credential_process, as SSO and web identity give
// temporary ones) reach Packer through its environment only: never its arguments, a file of the run
// folder, its log, the report or the console. Expiring ones get a warning.
import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { runCli } from "../support/run-cli.ts";

const standIn = path.join(import.meta.dirname, "..", "fixtures", "bin", "packer");
const fixture = useEc2Local("ami-matrix-credentials-");

const KEY_ID = "ASIAPROCESSKEY4TEST";
const SECRET = "secret-from-credential-process-9f8e";
const TOKEN = "session-token-from-credential-process-7d6c";

async function profileWithCredentialProcess(dir: string, expiresInMinutes: number) {
  const script = path.join(dir, "credentials.sh");
  const expiration = new Date(Date.now() + expiresInMinutes * 60_000).toISOString();
  const answer = {
    Version: 1,
    AccessKeyId: KEY_ID,
    SecretAccessKey: SECRET,
    SessionToken: TOKEN,
    Expiration: expiration,
  };
  await writeFile(script, `#!/bin/sh\necho '${JSON.stringify(answer)}'\n`);
  await chmod(script, 0o755);
  const config = path.join(dir, "config");
  await writeFile(config, `[profile ci]\ncredential_process = ${script}\n`);
  return config;
}

async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe("credentials for Packer", () => {
  it("hands Packer the resolved temporary credentials in its environment only, and warns when they expire too soon", async () => {
    const dir = await mkdtemp(path.join(fixture.scratch, "run-"));
    const state = path.join(dir, "state");
    await mkdir(state);
    const config = await profileWithCredentialProcess(dir, 10);
    const env: NodeJS.ProcessEnv = { ...process.env, CI: "true", FAKE_PACKER_STATE: state };
    for (const name of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"])
      delete env[name];
    Object.assign(env, {
      AWS_PROFILE: "ci",
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "none"),
    });
    const report = path.join(dir, "report.json");
    const amiList = path.join(dir, "ami-list");
    const { code, stdout, stderr } = await runCli(
      [
        "--packer",
        standIn,
        "--ec2-endpoint",
        fixture.ec2.url,
        "--only",
        "region=us-east-1",
        "--ami-list",
        amiList,
        "--report",
        report,
      ],
      { env },
    );
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(
      /warning: the AWS credentials \(profile ci\) expire at \d\d:\d\d UTC, in (9|10)m/,
    );

    const calls = (await readFile(path.join(state, "calls.log"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { argv: string[]; aws: Record<string, string> });
    const builds = calls.filter((c) => c.argv[0] === "build");
    expect(builds).toHaveLength(4);
    for (const build of builds) {
      expect(build.aws).toMatchObject({
        AWS_ACCESS_KEY_ID: KEY_ID,
        AWS_SECRET_ACCESS_KEY: SECRET,
        AWS_SESSION_TOKEN: TOKEN,
      });
      expect(build.aws.AWS_PROFILE).toBeUndefined();
    }
    const { runId } = JSON.parse(await readFile(report, "utf8"));
    const runDir = path.join(import.meta.dirname, "..", "..", "runs", runId);
    const written = [...(await filesBelow(runDir)), report, ...(await filesBelow(amiList))];
    // The template, command.txt and each attempt's log of 4 jobs, the AMI list and the report.
    expect(written.length).toBeGreaterThan(12);
    for (const value of [KEY_ID, SECRET, TOKEN]) {
      for (const call of calls) expect(call.argv.join(" ")).not.toContain(value);
      expect(stdout + stderr).not.toContain(value);
      for (const file of written) expect(await readFile(file, "utf8"), file).not.toContain(value);
    }
  });
});
