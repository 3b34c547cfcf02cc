// A build run as a workflow step: GITHUB_ACTIONS is set, so the log gets an error annotation per failed
// cell with the script's last lines in a collapsible group, and the step summary gets the table. The
// stand-in Packer replays real Packer 1.6.6 output of a failing provisioning script.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { projectPaths } from "../../src/project-paths.ts";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { runWithStandIn } from "../support/stand-in-run.ts";

const fixture = useEc2Local("ami-matrix-github-run-");
const runIds: string[] = [];
afterAll(() =>
  Promise.all(
    runIds.map((id) => rm(path.join(projectPaths.runs, id), { recursive: true, force: true })),
  ),
);

const FAILING = "spark/us-east-1/hvm";

async function failingRun(env: NodeJS.ProcessEnv) {
  const run = await runWithStandIn({
    endpoint: fixture.ec2.url,
    scratch: fixture.scratch,
    scenario: { jobs: { [`/${FAILING}/`]: { outcomes: ["ebs-script-fails"] } } },
    args: ["--only", "region=us-east-1"],
    // The recorded script prints this value.
    env: { MIRROR_PASSWORD: "s3cr3t-value", ...env },
  });
  if (run.report.runId) runIds.push(run.report.runId);
  expect(run.code).toBe(1);
  return run;
}

it("in GitHub Actions: an annotation per failed cell, its last lines grouped, the summary on the page", async () => {
  const summary = path.join(fixture.scratch, "step-summary.md");
  const run = await failingRun({ GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary });
  const lines = run.stdout.split("\n");
  const group = lines.indexOf(`::group::${FAILING}: last lines of output`);
  expect(group).toBeGreaterThan(0);
  expect(lines[group + 1]).toMatch(/^::stop-commands::\S+$/);
  const end = lines.indexOf("::endgroup::", group);
  expect(end - group).toBeGreaterThan(3);
  expect(lines[end + 1]).toBe(
    `::error title=${FAILING}::Script exited with non-zero exit status: 1.Allowed exit codes are: [0] [permanent: unclassified]`,
  );
  expect(lines.filter((line) => line.startsWith("::error"))).toHaveLength(1);
  expect(run.stdout).not.toContain("s3cr3t-value");

  const page = await readFile(summary, "utf8");
  expect(page).toContain(`### AMI build, run ${run.report.runId}: 4 cells, 3 built, 1 failed`);
  expect(page).toMatch(/\| `base\/us-east-1\/hvm` \| built \| `ami-[0-9a-f]+` \|/);
  expect(page).toContain(`| \`${FAILING}\` | failed |`);
  expect(page).not.toContain("s3cr3t-value");
});

it("elsewhere: no workflow commands", async () => {
  const run = await failingRun({ GITHUB_ACTIONS: "" });
  expect(run.stdout).not.toMatch(/^::/m);
});
