// A build whose provisioning script fails, as the CLI reports it: Packer's reason (not the script's
// first `set -x` trace), then the script's last lines, masked, under the job in the CI log and in the
// summary, with the log they come from. The stand-in Packer replays real Packer 1.6.6 output.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { runCli } from "../support/run-cli.ts";

const standIn = path.join(import.meta.dirname, "..", "fixtures", "bin", "packer");
const fixture = useEc2Local("ami-matrix-failure-output-");
const JOB = "spark/us-east-1/hvm";

it("shows a failed script's reason and its last lines of output, masked, with the log path", async () => {
  const dir = await mkdtemp(path.join(fixture.scratch, "run-"));
  await mkdir(path.join(dir, "state"));
  const scenario = path.join(dir, "scenario.json");
  await writeFile(
    scenario,
    JSON.stringify({ jobs: { [`/${JOB}/`]: { outcomes: ["ebs-script-fails"] } } }),
  );
  const { code, stdout } = await runCli(
    [
      ...["--packer", standIn, "--ec2-endpoint", fixture.ec2.url, "--only", "region=us-east-1"],
      ...["--ami-list", path.join(dir, "ami-list"), "--report", path.join(dir, "report.json")],
    ],
    {
      env: {
        ...process.env,
        CI: "true",
        FAKE_PACKER_SCENARIO: scenario,
        FAKE_PACKER_STATE: path.join(dir, "state"),
        // The recorded script prints this value; it must never reach the screen.
        MIRROR_PASSWORD: "s3cr3t-value",
      },
    },
  );
  expect(code).toBe(1);
  expect(stdout).not.toContain("s3cr3t-value");
  const reason = "Script exited with non-zero exit status: 1.Allowed exit codes are: [0]";
  const log = new RegExp(`runs/\\S+/${JOB}/attempt-1\\.log`);

  // The CI log: the reason on the job's last line, its output under its id.
  const ofJob = stdout
    .split("\n")
    .filter((line) => line.includes(` ${JOB} `))
    .map((line) => line.replace(/^\d\d:\d\d:\d\d \S+\s+/, ""));
  const failedAt = ofJob.findIndex((line) => line.startsWith("FAILED"));
  expect(ofJob[failedAt]).toBe(`FAILED after 1 attempt: ${reason} [permanent: unclassified]`);
  expect(ofJob[failedAt + 1]).toMatch(/^last 10 lines of its provisioning output \(/);
  expect(ofJob[failedAt + 1]).toMatch(log);
  expect(ofJob.slice(failedAt + 2)).toEqual(expectedTail);

  // The summary: the same, under the job's row.
  const summary = stdout.slice(stdout.indexOf("JOB "));
  const row = summary.split("\n").findIndex((line) => line.startsWith(`${JOB} `));
  const details = summary
    .split("\n")
    .slice(row + 1, row + 13)
    .map((line) => line.trim());
  expect(details[0]).toBe(`error: ${reason} [permanent: unclassified]`);
  expect(details[1]).toMatch(log);
  expect(details.slice(2)).toEqual(expectedTail);
});

const expectedTail = [
  "| + echo 'Loaded plugins: extras_suggestions, langpacks, priorities, update-motd'",
  "| + echo 'Cleaning repos: amzn2-core amzn2extra-docker'",
  "| Cleaning repos: amzn2-core amzn2extra-docker",
  "| + echo 'Using the mirror password ***'",
  "| Using the mirror password ***",
  "| + echo 'No package ganglia-gmond-9 available.'",
  "| No package ganglia-gmond-9 available.",
  "| + echo 'Error: Nothing to do'",
  "| Error: Nothing to do",
  "| + exit 1",
];
