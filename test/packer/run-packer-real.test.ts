// runPacker against the real Packer on PATH, with builders that need no cloud: null, file and
// shell-local, and amazon-ebs pointed at a fake EC2 endpoint.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { BuildEvent } from "../../src/packer/build-events.ts";
import { classifyFailure } from "../../src/packer/classify-failure.ts";
import { findPacker } from "../../src/packer/find-packer.ts";
import { type RunPackerOptions, runPacker } from "../../src/packer/run-packer.ts";
import { until } from "../support/until.ts";
import { startFakeEc2 } from "./support/fake-ec2.ts";
import { livingGroupMembers } from "./support/process-group.ts";

const SECRET = "hunter2,with a comma";

const offlineBuild = `variable "secret" {
  type      = string
  sensitive = true
}

source "null" "main" {
  communicator = "none"
}

source "file" "out" {
  content = "hello"
  target  = "out.txt"
}

build {
  sources = ["source.null.main", "source.file.out"]
  provisioner "shell-local" {
    inline = ["echo 'the secret is \${var.secret}'"]
  }
}
`;

const sleeper = (lines: string[], extra = "") => `source "null" "main" {
  communicator = "none"
}

build {
  sources = ["source.null.main"]
  provisioner "shell-local" {
    inline = ${JSON.stringify(lines)}${extra}
  }
}
`;

let packerPath: string;

beforeAll(async () => {
  packerPath = await findPacker({ env: process.env, cwd: process.cwd() });
});

async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "run-packer-real-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

async function build(files: Record<string, string>, options: Partial<RunPackerOptions> = {}) {
  const dir = await folderWith(files);
  const events: BuildEvent[] = [];
  const logFile = join(dir, "logs", "attempt-1.log");
  const run = runPacker({
    packerPath,
    args: ["build", "-machine-readable", "-color=false", "build.pkr.hcl"],
    cwd: dir,
    logFile,
    onEvent: (event) => events.push(event),
    ...options,
  });
  const saw = (text: string) =>
    new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (events.some((e) => "text" in e && e.text.includes(text))) resolve(clearInterval(poll));
      }, 10);
    });
  return { dir, run, events, logFile, saw };
}

describe("runPacker with real Packer", () => {
  it("reports steps, messages and artifacts, and never shows a secret from a var file", async () => {
    const { run, events, logFile } = await build(
      {
        "build.pkr.hcl": offlineBuild,
        "secret.pkrvars.hcl": `secret = ${JSON.stringify(SECRET)}\n`,
      },
      {
        args: [
          "build",
          "-machine-readable",
          "-color=false",
          "-var-file=secret.pkrvars.hcl",
          "build.pkr.hcl",
        ],
        secrets: [SECRET],
      },
    );
    const result = await run.result;

    expect(result).toMatchObject({ exitCode: 0, errors: [], amis: {} });
    expect(result.lastStep).toMatch(/^Running local shell script: /);
    expect(events).toContainEqual({
      kind: "message",
      build: "null.main",
      text: "the secret is ***",
    });
    expect(events).toContainEqual({
      kind: "artifact",
      build: "file.out",
      builderId: "packer.file",
      id: "File",
    });
    const log = await readFile(logFile, "utf8");
    expect(log).toContain("null.main: the secret is ***");
    expect(`${log}${JSON.stringify(events)}`).not.toMatch(/hunter2/);
  });

  it("masks a secret passed in the environment as PKR_VAR_secret", async () => {
    const { run, logFile } = await build(
      { "build.pkr.hcl": offlineBuild },
      { env: { PKR_VAR_secret: SECRET }, secrets: [SECRET] },
    );
    expect((await run.result).exitCode).toBe(0);
    const log = await readFile(logFile, "utf8");
    expect(log).toContain("file.out: the secret is ***");
    expect(log).not.toMatch(/hunter2/);
  });

  it("reports a template error as a permanent failure", async () => {
    const { run } = await build({ "build.pkr.hcl": 'source "null" "main" {\n\nbuild {\n' });
    const result = await run.result;
    expect(result.exitCode).toBe(1);
    expect(classifyFailure(result.errors)).toMatchObject({
      kind: "permanent",
      rule: "template-error",
    });
  });

  it("interrupt() cancels a build whose script is running, and nothing of it is left", async () => {
    const { run, saw, logFile } = await build({
      "build.pkr.hcl": sleeper(["echo started", "sleep 30"]),
    });
    await saw("started");
    const asked = Date.now();
    run.interrupt();
    const result = await run.result;

    expect(Date.now() - asked).toBeLessThan(5000);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toContain("Cancelling build after receiving interrupt");
    expect(await readFile(logFile, "utf8")).toContain(
      "Cleanly cancelled builds after being interrupted.",
    );
    await groupGone(run.pid ?? 0);
  });

  it("resolves when Packer exits although a script that ignores the interrupt keeps its output open", async () => {
    const { run, saw } = await build({
      "build.pkr.hcl": sleeper(["trap '' INT TERM", "echo started", "sleep 30"]),
    });
    await saw("started");
    const asked = Date.now();
    run.interrupt();
    const result = await run.result;

    expect(Date.now() - asked).toBeLessThan(5000);
    expect(result.exitCode).toBe(1);
    await groupGone(run.pid ?? 0);
  });

  it("resolves when Packer exits after a provisioner timeout orphaned the script", async () => {
    const started = Date.now();
    const { run } = await build({
      "build.pkr.hcl": sleeper(["sleep 30"], `\n    timeout = "2s"`),
    });
    const result = await run.result;

    expect(Date.now() - started).toBeLessThan(6000);
    // Which error lines Packer prints here depends on its own timing (under load it can skip
    // "Cancelling provisioner after a timeout"), so classification is tested on recorded output instead.
    expect(result.exitCode).toBe(1);
    await groupGone(run.pid ?? 0);
  });

  it("stops Packer and its script when the process that ran it dies", async () => {
    const dir = await folderWith({ "build.pkr.hcl": sleeper(["echo started", "sleep 20"]) });
    const script = fileURLToPath(new URL("./support/crash-while-building.ts", import.meta.url));
    const parent = await execa(
      "node",
      ["--import", "tsx", script, packerPath, dir, "build.pkr.hcl"],
      {
        reject: false,
      },
    );
    expect(parent.exitCode).toBe(3);
    const pid = Number(parent.stdout.trim());
    // Generous: on a loaded machine Packer takes a while to act on the SIGTERM.
    for (let waited = 0; waited < 10_000 && livingGroupMembers(pid).length > 0; waited += 50) {
      await delay(50);
    }
    expect(livingGroupMembers(pid)).toEqual([]);
  });

  it("reports the AMIs of an amazon-ebs build against a fake EC2 endpoint", async () => {
    const ec2 = await startFakeEc2();
    try {
      const { run } = await build(
        { "build.pkr.hcl": amazonEbs(ec2.endpoint) },
        { env: { AWS_POLL_DELAY_SECONDS: "0", AWS_MAX_ATTEMPTS: "1" } },
      );
      const result = await run.result;
      expect(result.exitCode).toBe(0);
      expect(Object.keys(result.amis).sort()).toEqual(["eu-west-1", "us-east-1"]);
      expect(ec2.actions).toContain("CopyImage");
    } finally {
      await ec2.close();
    }
  });

  it("classifies a live InsufficientInstanceCapacity answer as transient", async () => {
    const ec2 = await startFakeEc2({
      faults: [
        {
          action: "RunInstances",
          error: {
            status: 400,
            code: "InsufficientInstanceCapacity",
            message: "No t3.micro capacity.",
          },
        },
      ],
    });
    try {
      const { run } = await build(
        { "build.pkr.hcl": amazonEbs(ec2.endpoint) },
        { env: { AWS_POLL_DELAY_SECONDS: "0", AWS_MAX_ATTEMPTS: "1" } },
      );
      const result = await run.result;
      expect(result.exitCode).toBe(1);
      expect(classifyFailure(result.errors)).toMatchObject({ kind: "transient", rule: "capacity" });
    } finally {
      await ec2.close();
    }
  });
});

function amazonEbs(endpoint: string): string {
  return `source "amazon-ebs" "main" {
  access_key                 = "AKIAFAKEFAKEFAKEFAKE"
  secret_key                 = "fake/secret/key/fake/secret/key/fake"
  region                     = "us-east-1"
  ami_regions                = ["eu-west-1"]
  custom_endpoint_ec2        = "${endpoint}"
  skip_region_validation     = true
  skip_credential_validation = true
  skip_metadata_api_check    = true
  communicator               = "none"
  source_ami                 = "ami-0123456789abcdef0"
  instance_type              = "t3.micro"
  ami_name                   = "ami-matrix-test"
}

build {
  sources = ["source.amazon-ebs.main"]
}
`;
}

// The group was SIGKILLed as Packer exited; a killed process runs on until the kernel has torn it down,
// so wait (a few seconds at most) for that rather than look at the very moment the run resolved.
async function groupGone(pgid: number): Promise<void> {
  await until(`process group ${pgid} to end`, () => livingGroupMembers(pgid).length === 0, 5_000);
}
