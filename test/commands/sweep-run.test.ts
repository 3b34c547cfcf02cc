// sweep --run through the CLI against ec2-local: exactly what one run's record names goes, whatever
// its age; its results and everything else stay; a run still going is refused.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { EC2Client } from "@aws-sdk/client-ec2";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Ec2Local, startEc2Local } from "../../src/ec2-local/index.ts";
import { createRunRecorder } from "../../src/run-record/record-writer.ts";
import {
  amiListWith,
  cellTags,
  cliEnv,
  clientFor,
  launchInstance,
  makeAmi,
  makeKeyPair,
  makeSecurityGroup,
  packerName,
} from "../support/prune-and-sweep-fixtures.ts";
import { runCli } from "../support/run-cli.ts";
import { until } from "../support/until.ts";

const REGION = "us-east-1";
const RUN = "20261101T000000Z-abcd";
let ec2: Ec2Local;
let client: EC2Client;
let scratch: string;

beforeEach(async () => {
  ec2 = await startEc2Local({ port: 0 });
  client = clientFor(ec2, REGION);
  scratch = await mkdtemp(path.join(tmpdir(), "ami-matrix-sweep-run-"));
});
afterEach(async () => {
  client.destroy();
  await ec2.close();
  await rm(scratch, { recursive: true, force: true });
});

// A run killed in the middle of attempt 1 of one job, after attempt 1 of another had succeeded.
async function killedRun({ ended = true } = {}) {
  const key = packerName();
  const groupName = packerName();
  await makeKeyPair(client, key);
  const groupId = await makeSecurityGroup(client, groupName);
  const job = "base/us-east-1/hvm";
  const instanceId = await launchInstance({
    client,
    region: REGION,
    tags: cellTags(job, RUN),
    keyName: key,
    groupIds: [groupId],
  });
  const unfinished = await makeAmi({ client, region: REGION, name: `base-hvm-${RUN}-a1` });
  const result = await makeAmi({
    client,
    region: REGION,
    name: `spark-hvm-${RUN}-a1`,
    tags: cellTags("spark/us-east-1/hvm", RUN),
  });
  const runs = path.join(scratch, "runs");
  const record = createRunRecorder({ runDir: path.join(runs, RUN), runId: RUN });
  record.attemptStarted({ job, region: REGION, attempt: 1, amiName: `base-hvm-${RUN}-a1` });
  record.attemptMade({ job, attempt: 1 }, { keyPair: key, securityGroup: groupName, instanceId });
  const spark = { job: "spark/us-east-1/hvm", attempt: 1 };
  record.attemptStarted({ ...spark, region: REGION, amiName: `spark-hvm-${RUN}-a1` });
  record.attemptMade(spark, { amiId: result.id });
  record.attemptState(spark, "succeeded");
  // A job in another region whose Packer had announced a key pair it never got to make.
  const eu = { job: "base/eu-west-1/hvm", attempt: 1 };
  record.attemptStarted({ ...eu, region: "eu-west-1", amiName: `base-hvm-${RUN}-a1` });
  record.attemptMade(eu, { keyPair: packerName() });
  if (ended) await record.close();
  else
    await until("the record on disk", () =>
      readFile(path.join(runs, RUN, "attempts.json"), "utf8")
        .then((text) => text.includes("base/eu-west-1/hvm"))
        .catch(() => false),
    );
  const amiList = await amiListWith({ "spark/us-east-1/hvm": result.id });
  return { key, groupId, instanceId, unfinished, result, runs, amiList, record };
}

function sweepRun(args: string[]) {
  return runCli(["sweep", "--ec2-endpoint", ec2.url, ...args], { env: cliEnv });
}

describe("sweep --run", () => {
  it("removes exactly what the run's record names, however young, and keeps its results", async () => {
    const run = await killedRun();
    const otherRun = await launchInstance({
      client,
      region: REGION,
      tags: cellTags("base/us-east-1/hvm", "20261102T000000Z-beef"),
    });
    await makeKeyPair(client, "packer_someone-else");

    const { code, stdout, stderr } = await sweepRun([
      ...["--run", RUN, "--runs", run.runs, "--ami-list", run.amiList],
    ]);
    expect(code, stdout + stderr).toBe(0);
    expect(stdout).toContain(`Sweep removes what run ${RUN} left behind`);
    expect(stdout).toContain("of any age, in 2 regions: us-east-1, eu-west-1");
    expect(stdout).toMatch(
      new RegExp(
        `terminate +instance ${run.instanceId} .*launched for base/us-east-1/hvm attempt 1`,
      ),
    );
    expect(stdout).toMatch(new RegExp(`deregister +AMI ${run.unfinished.id} .*never finished`));
    expect(stdout).toMatch(
      new RegExp(`leave +AMI ${run.result.id} +available, recorded in the AMI list`),
    );

    expect(ec2.liveInstances(REGION).map((i) => i.id)).toEqual([otherRun]);
    expect(ec2.securityGroups(REGION).map((g) => g.id)).not.toContain(run.groupId);
    expect(ec2.keyPairs(REGION).map((k) => k.name)).toEqual(["packer_someone-else"]);
    expect(ec2.images({ region: REGION }).map((i) => i.id)).toEqual([run.result.id]);
    const snapshots = ec2.snapshots(REGION).map((s) => s.id);
    for (const snapshot of run.unfinished.snapshotIds) expect(snapshots).not.toContain(snapshot);
  });

  it("refuses while the run is still going, and changes nothing", async () => {
    const run = await killedRun({ ended: false });
    const { code, stderr } = await sweepRun(["--run", RUN, "--runs", run.runs]);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: Run ${RUN} is still going: ami-matrix (pid ${process.pid})`);
    expect(ec2.liveInstances(REGION).map((i) => i.id)).toEqual([run.instanceId]);
    await run.record.close();
  });

  it("says what is wrong with a run id, a missing record, or flags that do not go with --run", async () => {
    const runs = path.join(scratch, "runs");
    const bad = await sweepRun(["--run", "../../etc", "--runs", runs]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("not a run id");
    const missing = await sweepRun(["--run", RUN, "--runs", runs]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`there is no ${path.join(runs, RUN, "attempts.json")}`);
    const clash = await sweepRun([
      "--run",
      RUN,
      "--older-than",
      "1h",
      "--only",
      "region=us-east-1",
    ]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain("--older-than, --only do not go with it");
    expect(bad.stderr + missing.stderr + clash.stderr).not.toMatch(/^\s+at /m);
  });
});
