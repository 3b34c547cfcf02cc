// The done-when test of `policy`: it grants every EC2 action a real run makes, watched on ec2-local:
// Packer's builds, the tool's cleanup after failed and interrupted attempts, and AMI verification.
import { EventEmitter } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEc2Clients } from "../../src/aws/ec2-clients.ts";
import { type Ec2Local, startEc2Local } from "../../src/ec2-local/index.ts";
import type { PolicyDocument } from "../../src/policy/policy-document.ts";
import { verifyAmi } from "../../src/verify/verify-ami.ts";
import { runCli } from "../support/run-cli.ts";

const RUN_TIMEOUT = 120_000;
const env = { ...process.env, CI: "true", AWS_POLL_DELAY_SECONDS: "0" };
// Four cells: base and spark, HVM, in two regions.
const CELLS = ["--only", "region=us-east-1,eu-west-1", "--only", "virtualization=hvm"];

let ec2: Ec2Local;
let scratch: string;
let granted: Set<string>;

beforeAll(async () => {
  ec2 = await startEc2Local({ port: 0 });
  scratch = await mkdtemp(path.join(tmpdir(), "ami-matrix-policy-"));
  const { code, stdout } = await runCli(["policy"]);
  expect(code).toBe(0);
  const policy = JSON.parse(stdout) as PolicyDocument;
  granted = new Set(policy.Statement.flatMap((s) => s.Action));
});
afterAll(async () => {
  await ec2?.close();
  await rm(scratch, { recursive: true, force: true });
});
beforeEach(() => {
  ec2.setFaults({});
  ec2.clearCalls();
});

interface Report {
  runId: string;
  jobs: { id: string; region: string; status: string; amis: Record<string, string> }[];
}

async function build(args: string[], signals?: EventEmitter) {
  const dir = await mkdtemp(path.join(scratch, "run-"));
  const reportFile = path.join(dir, "report.json");
  const result = await runCli(
    [
      "--ec2-endpoint",
      ec2.url,
      "--ami-list",
      path.join(dir, "ami-list"),
      "--report",
      reportFile,
      "--retries",
      "0",
      ...CELLS,
      ...args,
    ],
    { env, signals },
  );
  const report = JSON.parse(await readFile(reportFile, "utf8")) as Report;
  return { ...result, report };
}

function calledButNotGranted(): string[] {
  return ec2.actionsCalled().filter((action) => !granted.has(`ec2:${action}`));
}

describe("the printed policy covers every action a run makes", () => {
  it(
    "a run where one region's images fail after launch, then verification of the AMIs it built",
    async () => {
      ec2.setFaults({ failImages: { regions: ["eu-west-1"] } });
      const { code, stdout, report } = await build([]);
      expect(code, stdout.slice(-2000)).toBe(1);
      const statuses = Object.fromEntries(report.jobs.map((j) => [j.id, j.status]));
      expect(statuses).toEqual({
        "base/us-east-1/hvm": "succeeded",
        "spark/us-east-1/hvm": "succeeded",
        "base/eu-west-1/hvm": "failed",
        "spark/eu-west-1/hvm": "skipped",
      });

      const clients = createEc2Clients({ endpoint: ec2.url, env: { ...env, ...fakeKeys } });
      try {
        for (const job of report.jobs.filter((j) => j.status === "succeeded")) {
          const result = await verifyAmi({
            client: clients.forRegion(job.region),
            region: job.region,
            amiId: job.amis[job.region] ?? "",
            runId: report.runId,
            jobId: job.id,
            amiGroups: ["all"],
            amiUsers: [],
          });
          expect(result).toEqual({ ok: true });
        }
      } finally {
        clients.destroy();
      }

      const seen = ec2.actionsCalled();
      // The run really went through launch, imaging, failure cleanup and verification.
      for (const action of [
        "RunInstances",
        "CreateImage",
        "ModifyImageAttribute",
        "CreateTags",
        "TerminateInstances",
        "DeregisterImage",
        "DescribeImageAttribute",
      ]) {
        expect(seen).toContain(action);
      }
      expect(calledButNotGranted()).toEqual([]);
    },
    RUN_TIMEOUT,
  );

  it(
    "a run interrupted while instances are up, so cleanup runs on cancel",
    async () => {
      ec2.setFaults({ latencyMs: { StopInstances: 300 } });
      const signals = new EventEmitter();
      const watcher = setInterval(() => {
        if (ec2.liveInstances().length >= 2) {
          clearInterval(watcher);
          signals.emit("SIGINT");
        }
      }, 20);
      try {
        const { code } = await build([], signals);
        expect(code).toBe(130);
      } finally {
        clearInterval(watcher);
      }
      expect(ec2.actionsCalled()).toContain("TerminateInstances");
      expect(calledButNotGranted()).toEqual([]);
    },
    RUN_TIMEOUT,
  );

  it(
    "a run with the copy strategy, whose copies the tool makes, tags and shares itself",
    async () => {
      ec2.setFaults({});
      const { code, stdout } = await build(["--strategy", "copy"]);
      expect(code, stdout.slice(-2000)).toBe(0);
      for (const action of ["CopyImage", "ModifyImageAttribute", "DescribeImageAttribute"])
        expect(ec2.actionsCalled()).toContain(action);
      expect(calledButNotGranted()).toEqual([]);
    },
    RUN_TIMEOUT,
  );
});

const fakeKeys = { AWS_ACCESS_KEY_ID: "AKIDPOLICYTEST", AWS_SECRET_ACCESS_KEY: "not-a-secret" };
