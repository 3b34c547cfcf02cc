// A provisioner that prints credentials: the user sees `***` on the console, in the attempt logs and in
// report.json, never the values.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { projectPaths } from "../../src/project-paths.ts";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { runWithStandIn } from "../support/stand-in-run.ts";

const fixture = useEc2Local("ami-matrix-masking-");
const runIds: string[] = [];
afterAll(() =>
  Promise.all(
    runIds.map((id) => rm(path.join(projectPaths.runs, id), { recursive: true, force: true })),
  ),
);

const SECRETS = {
  GITHUB_PAT: "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
  SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX",
  NPM_AUTH: "npm_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
  SSH_KEY:
    "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----",
  AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const PRINTED = Object.keys(SECRETS).map((name) => `${name} is $${name}`);

it("masks credentials a provisioner prints, by name and by value, in every output", async () => {
  const run = await runWithStandIn({
    endpoint: fixture.ec2.url,
    scratch: fixture.scratch,
    scenario: {
      jobs: {
        "/base/us-east-1/hvm/": {
          outcomes: ["success"],
          print: [...PRINTED, "author $GIT_AUTHOR_NAME"],
        },
        "/base/us-east-1/pv/": {
          outcomes: ["auth-error"],
          print: PRINTED,
          errorText: `provisioner failed: ${PRINTED.join("; ")}`,
        },
      },
    },
    args: ["--only", "region=us-east-1"],
    env: { ...SECRETS, GIT_AUTHOR_NAME: "root" },
  });
  if (run.report.runId) runIds.push(run.report.runId);
  expect(run.code).toBe(1);

  const reportText = await readFile(run.reportFile, "utf8");
  const logs = await Promise.all(
    run.report.jobs.filter((job) => job.log).map((job) => readFile(path.resolve(job.log), "utf8")),
  );
  const outputs = { console: run.stdout + run.stderr, report: reportText, logs: logs.join("\n") };
  for (const [where, text] of Object.entries(outputs)) {
    for (const [name, value] of Object.entries(SECRETS)) {
      for (const part of [value, ...value.split("\n")])
        expect(text, `${name} in the ${where}`).not.toContain(part);
      expect(text, `${name} in the ${where}`).toContain(`${name} is ***`);
    }
  }
  // The failed job's error reaches the report and the summary masked.
  const failed = run.report.jobs.find((job) => job.id === "base/us-east-1/pv");
  expect(failed?.error).toContain("GITHUB_PAT is ***; SLACK_WEBHOOK_URL is ***");
  expect(run.stdout).toContain("error: provisioner failed: GITHUB_PAT is ***");
  // A name that only looks like AUTH is not a secret: masking "root" would garble every path.
  expect(outputs.logs).toContain("author root");
});
