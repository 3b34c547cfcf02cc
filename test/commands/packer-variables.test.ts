// --var and --var-file as a user gives them, with real Packer 1.6.6 building against a local ec2-local:
// the values reach every template (packer validate sees them too), sensitive ones are masked wherever
// the run shows or writes anything, and no value is ever an argument of Packer.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectPaths } from "../../src/project-paths.ts";
import { messageOf, runCli } from "../support/run-cli.ts";

const SECRET = "s3cret-db-pass-7f3a";
let scratch = "";
let matrix = "";
let varFile = "";
const runIds: string[] = [];

// The shipped template with three variables a user added, and a rehearsal step that prints them.
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "ami-matrix-vars-"));
  const shipped = await readFile(
    path.join(projectPaths.packerDir, "amazon-ebs.pkr.hcl.hbs"),
    "utf8",
  );
  const declare = `variable "required_tag" {
  type = string
}

variable "greeting" {
  type    = string
  default = "hello"
}

variable "db_pass" {
  type      = string
  sensitive = true
  default   = ""
}

variable "{{amiNameVariable}}" {`;
  const print =
    // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolations, on purpose
    'inline = ["echo tag=${var.required_tag} greeting=${var.greeting} pass=${var.db_pass}"]';
  const template = replaceOnce(
    replaceOnce(shipped, 'variable "{{amiNameVariable}}" {', declare),
    "inline = [{{hcl skippedProvisioning}}]",
    print,
  );
  await writeFile(path.join(scratch, "vars.pkr.hcl.hbs"), template);
  const cells = JSON.parse(
    await readFile(
      path.join(import.meta.dirname, "..", "fixtures", "matrix", "valid.json"),
      "utf8",
    ),
  );
  cells.defaults.template = path.relative(
    projectPaths.packerDir,
    path.join(scratch, "vars.pkr.hcl.hbs"),
  );
  matrix = path.join(scratch, "matrix.json");
  await writeFile(matrix, JSON.stringify(cells));
  varFile = path.join(scratch, "prod.pkrvars.hcl");
  await writeFile(varFile, 'greeting = "from-file"\n');
});

afterAll(async () => {
  await Promise.all(
    runIds.map((id) => rm(path.join(projectPaths.runs, id), { recursive: true, force: true })),
  );
  await rm(scratch, { recursive: true, force: true });
});

function replaceOnce(text: string, find: string, replacement: string): string {
  if (!text.includes(find)) throw new Error(`the shipped template no longer has ${find}`);
  return text.replace(find, () => replacement);
}

const ONE_CELL = [
  "--only",
  "image=base",
  "--only",
  "region=us-east-1",
  "--only",
  "virtualization=hvm",
];

async function build(args: string[]) {
  const result = await runCli(["--local", "--matrix", matrix, ...ONE_CELL, ...args], {
    env: { ...process.env, CI: "true" },
  });
  const runId = /, run (\S+)/.exec(result.stdout + result.stderr)?.[1];
  if (runId) runIds.push(runId);
  return { ...result, runId };
}

async function runFolderExists(runId: string | undefined): Promise<boolean> {
  return (await readdir(projectPaths.runs).catch((): string[] => [])).includes(runId ?? "none");
}

describe("mistakes, each one message and exit 2", () => {
  it("a --var that is not NAME=VALUE, or a var file that is not there, before anything is planned", async () => {
    const bad = await build(["--var", "required_tag"]);
    expect(bad.code).toBe(2);
    expect(messageOf(bad.stderr).trim()).toBe(
      "error: --var required_tag: expected NAME=VALUE, e.g. --var region_tag=nightly.",
    );
    const missing = await build(["--var-file", "no-such.pkrvars.hcl"]);
    expect(missing.code).toBe(2);
    expect(messageOf(missing.stderr).trim()).toBe(
      "error: --var-file no-such.pkrvars.hcl: no such file.",
    );
    expect(missing.runId).toBeUndefined();
  });

  it("a --var no template declares: the nearest name, and no run folder left", async () => {
    const result = await build(["--dry-run", "--var", "required_tag=x", "--var", "greting=x"]);
    expect(result.code).toBe(2);
    expect(messageOf(result.stderr)).toContain(
      '--var greting: no template of this run declares a variable "greting" (did you mean greeting?)',
    );
    expect(await runFolderExists(result.runId)).toBe(false);
  });

  it("packer validate sees the --var values: without the required one it fails, naming it", async () => {
    const result = await build(["--dry-run"]);
    expect(result.code).toBe(2);
    expect(messageOf(result.stderr)).toContain('Unset variable "required_tag"');
  });
});

it("the dry run lists the variables, masking the sensitive one's value", async () => {
  const result = await build([
    "--dry-run",
    ...["--var", "required_tag=nightly", "--var", `db_pass=${SECRET}`, "--var-file", varFile],
  ]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(
    `Variables (to every template; --var through PKR_VAR_NAME in Packer's environment): --var required_tag=nightly, --var 'db_pass=***', --var-file ${varFile} (greeting)`,
  );
  expect(result.stdout + result.stderr).not.toContain(SECRET);
});

it("a cell's fingerprint follows the values, except a secret's", async () => {
  const fingerprint = async (vars: string[]) => {
    const result = await build(["--dry-run", "--json", ...vars]);
    expect(result.code).toBe(0);
    const runId = JSON.parse(result.stdout).runId as string;
    runIds.push(runId);
    return (JSON.parse(result.stdout).jobs[0] as { fingerprint: string }).fingerprint;
  };
  const nightly = await fingerprint(["--var", "required_tag=nightly", "--var", "db_pass=one-pass"]);
  expect(await fingerprint(["--var", "required_tag=weekly", "--var", "db_pass=one-pass"])).not.toBe(
    nightly,
  );
  expect(await fingerprint(["--var", "required_tag=nightly", "--var", "db_pass=two-pass"])).toBe(
    nightly,
  );
});

it("a build: every value reaches Packer, the sensitive one masked everywhere, none in its arguments", async () => {
  const result = await build([
    ...["--var", "required_tag=nightly", "--var", `db_pass=${SECRET}`, "--var-file", varFile],
  ]);
  expect(result.code).toBe(0);
  const runDir = path.join(projectPaths.runs, result.runId ?? "none");
  const jobDir = path.join(runDir, "base", "us-east-1", "hvm");
  // Packer printed the values it got: the file's, the --var's, and the sensitive one masked.
  const log = await readFile(path.join(jobDir, "attempt-1.log"), "utf8");
  expect(log).toContain("tag=nightly greeting=from-file pass=***");
  const files = (await readdir(runDir, { recursive: true, withFileTypes: true })).filter((e) =>
    e.isFile(),
  );
  for (const file of files) {
    const text = await readFile(path.join(file.parentPath, file.name), "utf8");
    expect(text, file.name).not.toContain(SECRET);
  }
  expect(result.stdout + result.stderr).not.toContain(SECRET);
  // The command the job ran: the var file by its own path, no value.
  const command = await readFile(path.join(jobDir, "command.txt"), "utf8");
  expect(command).toContain(`-var-file=${varFile} -var ami_name=`);
  expect(command).not.toContain("nightly");
});
