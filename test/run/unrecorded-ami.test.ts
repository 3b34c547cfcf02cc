// Nothing built goes unrecorded: a cell path blocked on disk stops the plan before any instance starts;
// a cell that still cannot be written keeps its AMI in the report and the summary, and prune finds it.
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { projectPaths } from "../../src/project-paths.ts";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { cliEnv } from "../support/prune-and-sweep-fixtures.ts";
import { messageOf, runCli } from "../support/run-cli.ts";
import { cellsOf, runWithStandIn } from "../support/stand-in-run.ts";

const fixture = useEc2Local("ami-matrix-unrecorded-");
const runIds: string[] = [];
afterAll(() =>
  Promise.all(
    runIds.map((id) => rm(path.join(projectPaths.runs, id), { recursive: true, force: true })),
  ),
);

function run(options: Omit<Parameters<typeof runWithStandIn>[0], "endpoint" | "scratch">) {
  return runWithStandIn({ endpoint: fixture.ec2.url, scratch: fixture.scratch, ...options }).then(
    (done) => {
      if (done.report.runId) runIds.push(done.report.runId);
      return done;
    },
  );
}

it("a folder or file in the way of a cell is a plan-time error: exit 2, no instance launched", async () => {
  const amiList = path.join(await mkdtemp(path.join(fixture.scratch, "blocked-")), "ami-list");
  await mkdir(path.join(amiList, "base", "us-east-1", "hvm", "oops"), { recursive: true });
  await mkdir(path.join(amiList, "spark"), { recursive: true });
  await writeFile(path.join(amiList, "spark", "us-east-1"), "");
  const instancesBefore = fixture.ec2.instances().length;
  for (const dryRun of [[], ["--dry-run"]]) {
    const done = await run({ args: ["--only", "region=us-east-1", ...dryRun], amiList });
    expect(done.code).toBe(2);
    const spark = path.join(amiList, "spark", "us-east-1");
    expect(messageOf(done.stderr)).toBe(
      [
        `error: The AMI list ${amiList} has 3 problems; nothing was started:`,
        `  - job base/us-east-1/hvm: ${path.join(amiList, "base", "us-east-1", "hvm")} is a folder, but the cell base/us-east-1/hvm must be a file holding one AMI id; move or remove it`,
        `  - job spark/us-east-1/hvm: ${spark} is a file, but the cell spark/us-east-1/hvm needs a folder there; move or remove it`,
        `  - job spark/us-east-1/pv: ${spark} is a file, but the cell spark/us-east-1/pv needs a folder there; move or remove it`,
        "",
      ].join("\n"),
    );
    expect(done.calls.filter((call) => call.argv[0] === "build")).toEqual([]);
  }
  expect(fixture.ec2.instances().length).toBe(instancesBefore);
});

it("a cell that cannot be written after its AMI was built keeps the AMI in the report and the summary; prune lists it", async () => {
  const dir = await mkdtemp(path.join(fixture.scratch, "late-"));
  const amiList = path.join(dir, "ami-list");
  const state = path.join(dir, "watch");
  const pending = run({
    scenario: {
      default: { outcomes: ["success"] },
      jobs: { "/base/us-east-1/hvm/": { outcomes: ["success"], durationMs: 1500 } },
    },
    args: ["--only", "region=us-east-1"],
    amiList,
    env: { FAKE_PACKER_STATE: state },
  });
  // Once the slow build is under way, something takes the place of its cell.
  await mkdir(state, { recursive: true });
  await vi.waitFor(
    async () => {
      const started = (await readdir(state)).filter((f) => f.startsWith("started-"));
      expect(started.length).toBeGreaterThan(0);
    },
    { timeout: 10_000 },
  );
  await mkdir(path.join(amiList, "base", "us-east-1", "hvm"), { recursive: true });
  const done = await pending;
  expect(done.code).toBe(1);
  const job = done.report.jobs.find((j) => j.id === "base/us-east-1/hvm");
  const ami = job?.amis["us-east-1"];
  expect(ami).toMatch(/^ami-/);
  expect(job?.status).toBe("failed");
  expect(job?.error).toBe(
    `${ami} was built, but its AMI list cell base/us-east-1/hvm could not be written: ${path.join(amiList, "base", "us-east-1", "hvm")} is a folder, but the cell base/us-east-1/hvm must be a file holding one AMI id; move or remove it. The AMI is recorded in this run's report`,
  );
  const row = done.stdout.split("\n").find((line) => line.startsWith("base/us-east-1/hvm "));
  expect(row).toMatch(new RegExp(`failed\\s+${ami}`));
  expect(done.stdout).toContain(
    `error: ${ami} was built, but its AMI list cell base/us-east-1/hvm could not`,
  );
  // The other three cells were written as usual.
  // spark/us-east-1/hvm is built on that base cell, which failed: it is not built either.
  expect(Object.keys(await cellsOf(amiList)).sort()).toEqual([
    "base/us-east-1/pv",
    "spark/us-east-1/pv",
  ]);
  // The AMI is tagged as this run's build of that cell, so prune finds it.
  await rm(path.join(amiList, "base", "us-east-1", "hvm"), { recursive: true });
  const prune = await runCli(
    [
      "prune",
      "--dry-run",
      "--ec2-endpoint",
      fixture.ec2.url,
      "--ami-list",
      amiList,
      "--only",
      "region=us-east-1",
    ],
    { env: cliEnv },
  );
  expect(prune.code).toBe(0);
  const cellSection = prune.stdout.slice(prune.stdout.indexOf("base/us-east-1/hvm"));
  expect(cellSection).toContain(ami);
});
