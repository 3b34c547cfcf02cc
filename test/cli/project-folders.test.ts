// Situations of the project's own folders, staged in a copy of the project: each is one message and
// exit 2, and a preparation that fails leaves no run folder behind.
import { chmod, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { copyProject, runCopy } from "../support/project-copy.ts";
import { CREDENTIALS } from "../support/prune-and-sweep-fixtures.ts";
import { messageOf } from "../support/run-cli.ts";
import { standInPackerPath } from "../support/stand-in-run.ts";

const fixture = useEc2Local("ami-matrix-project-folders-");

function build(dir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCopy(
    dir,
    [
      "--packer",
      standInPackerPath,
      "--ec2-endpoint",
      fixture.ec2.url,
      "--only",
      "region=us-east-1",
      ...args,
    ],
    { ...CREDENTIALS, ...env },
  );
}

function expectOneMessage(result: { exitCode?: number; stderr: string }, text: string) {
  expect(result.exitCode).toBe(2);
  const message = messageOf(result.stderr);
  expect(message).toMatch(/^error: /);
  expect(message).toContain(text);
  expect(message).not.toMatch(/^\s+at /m);
  expect(message).not.toContain("This is a bug");
}

describe("the project's runs/ folder", () => {
  it("when it is a file, says so, with --dry-run and without", async () => {
    const dir = await copyProject();
    await writeFile(path.join(dir, "runs"), "not a folder\n");
    for (const args of [["--dry-run"], ["--ami-list", path.join(dir, "list")]]) {
      const result = await build(dir, args);
      expectOneMessage(result, "Cannot write the run folder runs/");
      expect(result.stderr).toContain(
        "runs or a folder above it is a file. ami-matrix keeps each run's templates, commands and logs in runs/; make it a folder you can write in.",
      );
    }
  });

  it.skipIf(process.getuid?.() === 0)(
    "when it is not writable, says so (root writes anywhere)",
    async () => {
      const dir = await copyProject();
      await mkdir(path.join(dir, "runs"));
      await chmod(path.join(dir, "runs"), 0o555);
      const result = await build(dir, ["--dry-run"]);
      expectOneMessage(result, "Cannot write the run folder runs/");
      expect(result.stderr).toContain("permission denied");
    },
  );

  it("keeps no run folder of a preparation that failed validation", async () => {
    const dir = await copyProject();
    const scenario = path.join(dir, "scenario.json");
    await writeFile(
      scenario,
      JSON.stringify({ jobs: { "/base/us-east-1/hvm/": { validate: "error" } } }),
    );
    const result = await build(dir, ["--dry-run"], { FAKE_PACKER_SCENARIO: scenario });
    expectOneMessage(result, "base/us-east-1/hvm: packer validate failed");
    expect(await readdir(path.join(dir, "runs"))).toEqual([]);
  });
});

it("a handlebars syntax error in a template names the line, not a missing variable", async () => {
  const dir = await copyProject();
  const template = path.join(dir, "packer", "amazon-ebs.pkr.hcl.hbs");
  const text = await readFile(template, "utf8");
  await writeFile(
    template,
    text.replace("region          = {{hcl job.region}}", "region = {{hcl job.region}"),
  );
  const line = text.split("\n").findIndex((l) => l.includes("{{hcl job.region}}")) + 1;
  const result = await build(dir, ["--dry-run"]);
  expectOneMessage(
    result,
    `has a handlebars syntax error on line ${line}: \`region = {{hcl job.region}\`. Fix the template's handlebars syntax`,
  );
  expect(result.stderr).not.toContain("Add it to the matrix");
  expect(await readdir(path.join(dir, "runs")).catch(() => [])).toEqual([]);
});
