// matrix/rails-benchmark.json as a user rehearses it, in a copy of the project with real Packer against
// ec2-local: without the Passenger Enterprise files their variant is skipped, naming them, and the run
// still succeeds; with them (test values) it builds, and the values are nowhere: not in any process's
// arguments, the output, the run folder (templates, commands, logs, report) or the AMI list, which the
// benchmark's cells share with the Spark matrix's.
import { createHash } from "node:crypto";
import { chmod, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { NEWEST_CURRENT_IMAGE_NAMES } from "../../src/ec2-local/index.ts";
import { copyProject, runCopy } from "../support/project-copy.ts";
import { terraformOutputs } from "../support/terraform-json.ts";

const TIMEOUT = 180_000;
const MATRIX = ["--matrix", "matrix/rails-benchmark.json"];
const LICENSE = "LICENSE-passenger-enterprise-test-value-7d1c";
const TOKEN = "download-token-test-value-5b9e";
const MISSING =
  "missing packer/secrets/passenger-enterprise-license, packer/secrets/passenger-download-token";
const OSS = "rails-benchmark/us-east-1/hvm";
const ENTERPRISE = "passenger-enterprise/us-east-1/hvm";

// A copy of the project whose packer/secrets/ holds the two files, or nothing but its README.
async function project({ withFiles }: { withFiles: boolean }): Promise<string> {
  const dir = await copyProject();
  const secrets = path.join(dir, "packer", "secrets");
  for (const entry of await readdir(secrets))
    if (entry !== "README.md") await rm(path.join(secrets, entry), { recursive: true });
  if (withFiles) {
    await writeFile(path.join(secrets, "passenger-enterprise-license"), `${LICENSE}\n`);
    await writeFile(path.join(secrets, "passenger-download-token"), `${TOKEN}\n`);
    await chmod(path.join(secrets, "passenger-enterprise-license"), 0o600);
    await chmod(path.join(secrets, "passenger-download-token"), 0o600);
  }
  return dir;
}

// Real Packer behind a script that first notes the arguments it was given, one run per line.
async function recordingPacker(
  dir: string,
): Promise<{ packer: string; argv: () => Promise<string> }> {
  const real = (await execa("sh", ["-c", "command -v packer"])).stdout.trim();
  const log = path.join(dir, "packer-argv.log");
  const packer = path.join(dir, "recording-packer");
  await writeFile(packer, `#!/bin/sh\nprintf '%s\\n' "$*" >>'${log}'\nexec '${real}' "$@"\n`);
  await chmod(packer, 0o755);
  return { packer, argv: () => readFile(log, "utf8").catch(() => "") };
}

function runIdOf(output: string): string {
  const runId = /, run (\S+)/.exec(output)?.[1];
  if (!runId) throw new Error(`no run id in:\n${output}`);
  return runId;
}

async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

interface Report {
  summary: Record<string, number>;
  jobs: { id: string; status: string; error?: string; action: string; reason: string }[];
}

describe("the Rails benchmark matrix", () => {
  it(
    "--dry-run shows the pinned Ubuntu image, each job's cost, the skip and why, and the run's cost",
    async () => {
      const dir = await project({ withFiles: false });
      const text = await runCopy(dir, [...MATRIX, "--local", "--dry-run"]);
      expect(text.exitCode, text.stderr).toBe(0);
      const row = (id: string) => text.stdout.split("\n").find((line) => line.startsWith(`${id} `));
      const noble = NEWEST_CURRENT_IMAGE_NAMES.ubuntuNoble;
      expect(row(OSS)).toMatch(/ t3\.medium +\$0\.0416 +\$0\.0\d+ +\$0\.40 +ami-[0-9a-f]+ \(/);
      expect(row(OSS)).toContain(`(${noble})`);
      expect(row(OSS)).toMatch(/ build +new$/);
      expect(row(ENTERPRISE)).toMatch(/ t3\.medium +- +- +- +ami-[0-9a-f]+ \(/);
      expect(row(ENTERPRISE)).toMatch(new RegExp(` skip +${MISSING}$`));
      expect(text.stdout).toMatch(
        /\nCost: 1 instance launch, 0 copies, 0 unchanged, 1 skipped; about 0\.\d build instance-hours, \$0\.\d\d on demand, and up to \$0\.40 a month for the new snapshots \(AWS's on-demand Linux list prices as of \d{4}-\d\d-\d\d;/,
      );

      const json = await runCopy(dir, [...MATRIX, "--local", "--dry-run", "--json"]);
      expect(json.exitCode, json.stderr).toBe(0);
      const plan = JSON.parse(json.stdout);
      const [oss, enterprise] = plan.jobs;
      expect(oss).toMatchObject({
        id: OSS,
        action: "build",
        instanceType: "t3.medium",
        sourceImage: { name: noble },
        cost: { hourly: 0.0416, listed: true, storagePerMonth: 0.4 },
      });
      expect(enterprise).toMatchObject({
        id: ENTERPRISE,
        action: "skip",
        skipReason: MISSING,
        cost: null,
        commands: [],
        requiresFiles: ["secrets/passenger-enterprise-license", "secrets/passenger-download-token"],
      });
      expect(plan.cost).toMatchObject({ launches: 1, skipped: 1 });
    },
    TIMEOUT,
  );

  it(
    "without the license files: the open-source image is built, the Enterprise one skipped naming them, exit 0",
    async () => {
      const dir = await project({ withFiles: false });
      const result = await runCopy(dir, [...MATRIX, "--local"]);
      expect(result.exitCode, result.stdout.slice(-3000)).toBe(0);
      const runDir = path.join(dir, "runs", runIdOf(result.stdout));
      const report = JSON.parse(await readFile(path.join(runDir, "report.json"), "utf8")) as Report;
      expect(report.summary).toMatchObject({ succeeded: 1, skipped: 1, failed: 0 });
      expect(report.jobs.map((j) => [j.id, j.status, j.error, j.action])).toEqual([
        [OSS, "succeeded", undefined, "build"],
        [ENTERPRISE, "skipped", MISSING, "skip"],
      ]);
      expect(result.stdout).toMatch(
        new RegExp(`\\n${ENTERPRISE} +skipped +- +0 .*\\n +skipped: ${MISSING}\\n`),
      );
      expect(result.stdout).toContain("2 jobs: 1 succeeded, 1 skipped");
      const cells = (await filesBelow(path.join(runDir, "ami-list"))).map((f) =>
        path.relative(path.join(runDir, "ami-list"), f),
      );
      expect(cells.sort()).toEqual(["amis.tf.json", "index.json", `rails-benchmark/${OSS}`]);
      // No Packer ran for the skipped cell: its folder holds only the note of why.
      expect(await readdir(path.join(runDir, ...ENTERPRISE.split("/")))).toEqual(["command.txt"]);
    },
    TIMEOUT,
  );

  it(
    "with them: both build into an AMI list the Spark matrix shares, and the values are nowhere",
    async () => {
      const dir = await project({ withFiles: true });
      const list = path.join(dir, "shared-ami-list");
      const spark = await runCopy(dir, [
        "--local",
        "--only",
        "base/us-east-1/hvm",
        "--ami-list",
        list,
      ]);
      expect(spark.exitCode, spark.stdout.slice(-3000)).toBe(0);

      const { packer, argv } = await recordingPacker(dir);
      const result = await runCopy(dir, [
        ...MATRIX,
        "--local",
        "--ami-list",
        list,
        "--packer",
        packer,
      ]);
      expect(result.exitCode, result.stdout.slice(-3000)).toBe(0);
      const runDir = path.join(dir, "runs", runIdOf(result.stdout));
      const report = JSON.parse(await readFile(path.join(runDir, "report.json"), "utf8")) as Report;
      expect(report.jobs.map((j) => [j.id, j.status])).toEqual([
        [OSS, "succeeded"],
        [ENTERPRISE, "succeeded"],
      ]);
      // The rehearsal checked, by path, the files a real build uploads.
      const template = await readFile(
        path.join(runDir, ...ENTERPRISE.split("/"), "template.pkr.hcl"),
        "utf8",
      );
      expect(template).toContain(
        `test -r ${path.join(dir, "packer", "secrets", "passenger-download-token")}`,
      );

      const recorded = await argv();
      expect(recorded).toMatch(
        /^build .*passenger-enterprise\/us-east-1\/hvm\/template\.pkr\.hcl$/m,
      );
      const written = [...(await filesBelow(runDir)), ...(await filesBelow(list))];
      expect(written.length).toBeGreaterThan(10);
      const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
      for (const value of [LICENSE, TOKEN]) {
        for (const form of [value, sha256(value), sha256(`${value}\n`)]) {
          expect(recorded).not.toContain(form);
          expect(result.stdout + result.stderr).not.toContain(form);
          for (const file of written)
            expect(await readFile(file, "utf8"), file).not.toContain(form);
        }
      }

      // One AMI list for both matrices: every cell in the index, every image in Terraform's map.
      const index = JSON.parse(await readFile(path.join(list, "index.json"), "utf8"));
      expect(Object.keys(index.cells).sort()).toEqual([
        "base/us-east-1/hvm",
        `rails-benchmark/${ENTERPRISE}`,
        `rails-benchmark/${OSS}`,
      ]);
      // A new license rebuilds: the files' digests are among the fingerprint's inputs.
      expect(index.builds[`rails-benchmark/${ENTERPRISE}`].inputs.files).toMatchObject({
        "secrets/passenger-enterprise-license": expect.stringMatching(/^[0-9a-f]{64}$/),
        "secrets/passenger-download-token": expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const outputs = terraformOutputs(await readFile(path.join(list, "amis.tf.json"), "utf8")) as {
        amis: Record<string, Record<string, Record<string, string>>>;
      };
      expect(Object.keys(outputs.amis).sort()).toEqual([
        "base",
        "passenger-enterprise",
        "rails-benchmark",
      ]);
      expect(outputs.amis["passenger-enterprise"]?.["us-east-1"]?.hvm).toBe(
        index.cells[`rails-benchmark/${ENTERPRISE}`],
      );
    },
    TIMEOUT,
  );

  it(
    "a provisioner that prints the files shows *** in place of their contents",
    async () => {
      const dir = await project({ withFiles: true });
      // The copy's template prints the files in the rehearsal, as a careless script might on AWS.
      const templateFile = path.join(dir, "packer", "amazon-ebs.pkr.hcl.hbs");
      const check = "inline = {{hcl requiredFilesCheck}}\n  }\n";
      const shipped = await readFile(templateFile, "utf8");
      expect(shipped).toContain(check);
      await writeFile(
        templateFile,
        shipped.replace(
          check,
          `${check}\n  provisioner "shell-local" {\n    inline = ["cat{{#each requiredFiles}} {{source}}{{/each}}"]\n  }\n`,
        ),
      );
      const result = await runCopy(dir, [
        ...MATRIX,
        "--local",
        "--only",
        "image=passenger-enterprise",
      ]);
      expect(result.exitCode, result.stdout.slice(-3000)).toBe(0);
      const runDir = path.join(dir, "runs", runIdOf(result.stdout));
      const log = await readFile(
        path.join(runDir, ...ENTERPRISE.split("/"), "attempt-1.log"),
        "utf8",
      );
      // Both files, line by line, as Packer relays a provisioner's output.
      expect(log.match(/^\d+,,ui,message, +amazon-ebs.main: \*\*\*$/gm)).toHaveLength(2);
      for (const value of [LICENSE, TOKEN]) {
        expect(log).not.toContain(value);
        expect(result.stdout).not.toContain(value);
      }
    },
    TIMEOUT,
  );
});
