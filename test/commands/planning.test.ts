// Planning as a user sees it: every step from the first second, templates validated once per distinct
// template without letting a bad one through, and Ctrl-C while planning.
import { EventEmitter } from "node:events";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { runMain } from "../../src/cli/run-main.ts";
import { COMMANDS } from "../../src/commands/index.ts";
import { projectPaths } from "../../src/project-paths.ts";
import { runCli } from "../support/run-cli.ts";

const scratch = await mkdtemp(path.join(tmpdir(), "ami-matrix-planning-"));
const standIn = path.join(import.meta.dirname, "..", "fixtures", "bin", "packer");
const runIds: string[] = [];
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  await Promise.all(
    runIds.map((id) => rm(path.join(projectPaths.runs, id), { recursive: true, force: true })),
  );
});

function remember(output: string): void {
  const id = /, run (\d{8}T\d{6}Z-[0-9a-f]{4})/.exec(output)?.[1];
  if (id) runIds.push(id);
}

it("says what it plans in its first line, then each step as it runs and what it found", async () => {
  const { code, stderr } = await runCli(["--local", "--dry-run"]);
  remember(stderr);
  expect(code).toBe(0);
  const lines = stderr
    .trimEnd()
    .split("\n")
    .map((line) => line.replace(/^\d\d:\d\d:\d\d plan {2}/, ""));
  expect(lines[0]).toMatch(/^Planning 32 jobs in 8 regions \(of the matrix's 32 cells\) from /);
  const at = (text: RegExp) => lines.findIndex((line) => text.test(line));
  expect(at(/^Checking Packer\.\.\.$/)).toBeGreaterThan(0);
  expect(at(/^Packer 1\.6\.6 /)).toBeGreaterThan(at(/^Checking Packer/));
  expect(at(/^Source AMIs: 16 images pinned for 32 jobs in 8 regions$/)).toBeGreaterThan(
    at(/^Looking up source AMIs in 8 regions\.\.\.$/),
  );
  expect(
    at(/^Templates: 8 distinct templates for 32 jobs passed packer validate$/),
  ).toBeGreaterThan(at(/^Validating 8 distinct templates for 32 jobs\.\.\.$/));
});

it("validates a template whose values Packer refuses even when the others share one validation", async () => {
  const spark = JSON.parse(await readFile(projectPaths.matrix, "utf8"));
  // `*` is not allowed in an AMI name; only the spark jobs have it.
  spark.image.spark.amiName = "spark*{{virtualization}}";
  const matrix = path.join(scratch, "star.json");
  await writeFile(matrix, JSON.stringify(spark));
  const { code, stderr } = await runCli(["--local", "--dry-run", "--matrix", matrix]);
  remember(stderr);
  expect(code).toBe(2);
  expect(stderr).toContain("Packer rejected 4 rendered templates; nothing was built");
  expect(stderr).toContain("AMIName should only contain alphanumeric characters");
  expect(stderr).toMatch(
    /^spark\/ap-northeast-1\/hvm, spark\/ap-southeast-1\/hvm, spark\/ap-southeast-2\/hvm: packer validate failed/m,
  );
  expect(stderr).not.toMatch(/^base\/\S+.*: packer validate failed/m);
});

it("on Ctrl-C while planning, stops, says nothing was started and exits 130", async () => {
  const state = await mkdtemp(path.join(scratch, "state-"));
  const signals = new EventEmitter();
  let stdout = "";
  const code = await runMain({
    rawArgs: ["--local", "--packer", standIn],
    commands: COMMANDS,
    env: { ...process.env, CI: "true", FAKE_PACKER_STATE: state },
    signals,
    io: {
      stdout: (text) => {
        stdout += text;
        if (text.includes("Validating")) signals.emit("SIGINT");
      },
      stderr: (text) => {
        stdout += text;
      },
      interactive: false,
    },
  });
  remember(stdout);
  expect(code).toBe(130);
  expect(stdout).toContain(
    "SIGINT while planning: stopped; nothing was started, no build ran and no AMI list file was written.",
  );
  expect(stdout).not.toContain("started (attempt");
  const calls = await readFile(path.join(state, "calls.log"), "utf8");
  expect(calls).not.toContain('"build"');
  // Nor is there a run folder to wonder about.
  const runId = runIds.at(-1) ?? "none";
  expect(await stat(path.join(projectPaths.runs, runId)).catch(() => "gone")).toBe("gone");
  // The run's own handling was never installed, and planning's is gone.
  expect(signals.listenerCount("SIGINT")).toBe(0);
});

it("gives a terminal that cannot move its cursor (TERM=dumb) plain lines, from the first one on", async () => {
  let stdout = "";
  const code = await runMain({
    rawArgs: ["--local", "--packer", standIn, "--only", "region=us-east-1"],
    commands: COMMANDS,
    env: { ...process.env, CI: undefined, TERM: "dumb" },
    signals: new EventEmitter(),
    io: {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stdout += text;
      },
      interactive: true,
    },
  });
  remember(stdout);
  expect(code).toBe(0);
  const lines = stdout.split("\n");
  expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d plan {2}Planning 4 jobs in 1 region /);
  expect(stdout).toMatch(/^\d\d:\d\d:\d\d base\/us-east-1\/hvm +started \(attempt 1 of 3\)/m);
  expect(stdout).not.toContain("\u001B[");
});
