// sweep through the CLI against ec2-local over HTTP, with leftovers made on purpose.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { EC2Client } from "@aws-sdk/client-ec2";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Ec2Local, startEc2Local } from "../../src/ec2-local/index.ts";
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

const REGION = "us-east-1";
const RUN = "20261101T000000Z-abcd";
const HOURS_AGO_3 = new Date(Date.now() - 3 * 3_600_000);
let ec2: Ec2Local;
let client: EC2Client;
let scratch: string;

beforeEach(async () => {
  // AMIs stay pending, as when the run making them was killed during the AMI wait.
  ec2 = await startEc2Local({ port: 0, delays: { imageMs: 600_000 } });
  client = clientFor(ec2, REGION);
  scratch = await mkdtemp(path.join(tmpdir(), "ami-matrix-sweep-"));
});
afterEach(async () => {
  client.destroy();
  await ec2.close();
  await rm(scratch, { recursive: true, force: true });
});

// What a run killed mid-build leaves: its instance with Packer's group and key, and a pending AMI.
async function crashedBuild(jobId = "spark/us-east-1/hvm") {
  const group = packerName(HOURS_AGO_3);
  const groupId = await makeSecurityGroup(client, group);
  const key = packerName(HOURS_AGO_3);
  await makeKeyPair(client, key);
  const instanceId = await launchInstance({
    client,
    region: REGION,
    tags: cellTags(jobId, RUN),
    keyName: key,
    groupIds: [groupId],
  });
  const ami = await makeAmi({
    client,
    region: REGION,
    name: `spark-3.5.3-hadoop3-hvm-${RUN}-a1`,
  });
  return { groupId, key, instanceId, ami };
}

// Someone else's Packer build in the same account: nothing of it is ours to remove.
async function foreignBuild() {
  const groupId = await makeSecurityGroup(client, packerName(HOURS_AGO_3));
  const key = packerName(HOURS_AGO_3);
  await makeKeyPair(client, key);
  const instanceId = await launchInstance({
    client,
    region: REGION,
    keyName: key,
    groupIds: [groupId],
  });
  return { groupId, key, instanceId };
}

async function folders(reports: Record<string, unknown> = {}, cells: Record<string, string> = {}) {
  const runs = path.join(scratch, "runs");
  await mkdir(runs, { recursive: true });
  for (const [run, report] of Object.entries(reports)) {
    await mkdir(path.join(runs, run));
    await writeFile(path.join(runs, run, "report.json"), JSON.stringify(report));
  }
  const amiList = await amiListWith(cells);
  return ["--runs", runs, "--ami-list", amiList];
}

function sweep(args: string[]) {
  return runCli(["sweep", "--ec2-endpoint", ec2.url, "--only", `region=${REGION}`, ...args], {
    env: cliEnv,
  });
}

const live = () => ec2.liveInstances(REGION).map((i) => i.id);
const groups = () => ec2.securityGroups(REGION).map((g) => g.id);
const keys = () => ec2.keyPairs(REGION).map((k) => k.name);
const images = () => ec2.images({ region: REGION }).map((i) => i.id);
const snapshots = () => ec2.snapshots(REGION).map((s) => s.id);

describe("sweep", () => {
  it("terminates a crashed run's instance, deletes its Packer group and key, deregisters its untagged pending AMI", async () => {
    const crashed = await crashedBuild();
    const foreign = await foreignBuild();
    const loneGroup = await makeSecurityGroup(client, packerName(HOURS_AGO_3));
    const mine = await makeAmi({ client, region: REGION, name: "my-own-hand-made-ami" });
    const recorded = await makeAmi({
      client,
      region: REGION,
      name: `spark-3.5.3-hadoop3-hvm-20261102T000000Z-beef-a1`,
    });
    const args = await folders({
      "20261102T000000Z-beef": {
        runId: "20261102T000000Z-beef",
        jobs: [{ amis: { [REGION]: recorded.id } }],
      },
    });
    const { code, stdout } = await sweep(["--older-than", "0", ...args]);
    expect(code, stdout).toBe(0);

    expect(live()).toEqual([foreign.instanceId]);
    expect(groups().sort()).toEqual([foreign.groupId, loneGroup].sort());
    expect(keys()).toEqual([foreign.key]);
    expect(images().sort()).toEqual([mine.id, recorded.id].sort());
    for (const snapshot of crashed.ami.snapshotIds) expect(snapshots()).not.toContain(snapshot);
    expect(snapshots()).toEqual(
      expect.arrayContaining([...mine.snapshotIds, ...recorded.snapshotIds]),
    );

    expect(stdout).toMatch(
      new RegExp(`terminate +instance ${crashed.instanceId} .*run ${RUN}, job spark/us-east-1/hvm`),
    );
    expect(stdout).toMatch(
      new RegExp(`deregister +AMI ${crashed.ami.id} .*pending.*untagged, recognised by its name`),
    );
    expect(stdout).toMatch(
      new RegExp(
        `leave +AMI ${recorded.id} +pending, recorded in .*20261102T000000Z-beef/report.json`,
      ),
    );
    expect(stdout).toMatch(
      new RegExp(`leave +security group ${loneGroup} .*--include-untagged-packer-temporaries`),
    );
    expect(stdout).toContain(
      "Swept: terminated 1 instance, deleted 1 security group and 1 key pair, deregistered 1 AMI, deleted 1 snapshot;",
    );
  });

  it("leaves everything younger than the threshold (2h by default)", async () => {
    const crashed = await crashedBuild();
    const before = { live: live(), groups: groups(), keys: keys(), images: images() };
    const { code, stdout } = await sweep(await folders());
    expect(code, stdout).toBe(0);
    expect({ live: live(), groups: groups(), keys: keys(), images: images() }).toEqual(before);
    expect(stdout).toMatch(new RegExp(`leave +instance ${crashed.instanceId} .*younger than 2h`));
    expect(stdout).toMatch(new RegExp(`leave +AMI ${crashed.ami.id} .*younger than 2h`));
    expect(stdout).toContain("Swept: nothing to remove;");
  });

  it("with --include-untagged-packer-temporaries, deletes old unused packer_ groups and keys, and no others", async () => {
    const foreign = await foreignBuild();
    const oldGroup = await makeSecurityGroup(client, packerName(HOURS_AGO_3));
    const newGroup = await makeSecurityGroup(client, packerName(new Date()));
    const otherGroup = await makeSecurityGroup(client, "packer-but-not-a-packer-name");
    const newKey = packerName(HOURS_AGO_3); // EC2's creation time (now) wins over the name's
    await makeKeyPair(client, newKey);
    const { code, stdout } = await sweep([
      "--older-than",
      "1h",
      "--include-untagged-packer-temporaries",
      ...(await folders()),
    ]);
    expect(code, stdout).toBe(0);
    expect(groups().sort()).toEqual([foreign.groupId, newGroup, otherGroup].sort());
    expect(groups()).not.toContain(oldGroup);
    expect(keys().sort()).toEqual([foreign.key, newKey].sort());
    expect(live()).toEqual([foreign.instanceId]);
    expect(stdout).toMatch(
      new RegExp(`leave +security group ${foreign.groupId} .*used by ${foreign.instanceId}`),
    );
    expect(stdout).toMatch(new RegExp(`leave +key pair ${newKey} .*younger than 1h`));
  });

  it("--dry-run lists what would go and changes nothing", async () => {
    const crashed = await crashedBuild();
    const before = {
      live: live(),
      groups: groups(),
      keys: keys(),
      images: images(),
      snapshots: snapshots(),
    };
    const args = await folders();
    ec2.clearCalls();
    const { code, stdout } = await sweep(["--older-than", "0", "--dry-run", ...args]);
    expect(code, stdout).toBe(0);
    expect({
      live: live(),
      groups: groups(),
      keys: keys(),
      images: images(),
      snapshots: snapshots(),
    }).toEqual(before);
    expect(stdout).toMatch(new RegExp(`terminate +instance ${crashed.instanceId}`));
    expect(stdout).toContain(
      "Dry run: would terminate 1 instance, delete 1 security group and 1 key pair, deregister 1 AMI, delete 1 snapshot. Nothing was changed.",
    );
    expect(ec2.actionsCalled().filter((action) => !action.startsWith("Describe"))).toEqual([]);
  });

  it("exits 1 naming what failed; a second sweep retries it", async () => {
    const crashed = await crashedBuild();
    ec2.setFaults({
      faults: [
        { action: "TerminateInstances", code: "UnauthorizedOperation", status: 403, first: 1 },
      ],
    });
    const args = ["--older-than", "0", ...(await folders())];
    const first = await sweep(args);
    expect(first.code, first.stdout).toBe(1);
    expect(first.stdout).toContain(
      `could not terminate instance ${crashed.instanceId}: UnauthorizedOperation`,
    );
    expect(first.stdout).toContain("Run sweep again to retry the instances and AMIs.");
    expect(live()).toEqual([crashed.instanceId]);

    const second = await sweep(args);
    expect(second.code, second.stdout).toBe(0);
    expect(live()).toEqual([]);
    expect(groups()).toEqual([]);
    expect(keys()).toEqual([]);
  });

  it("rejects a duration it cannot read, before touching anything", async () => {
    for (const bad of ["2", "2 h", "1.5h", "-1h", "2hours", "h", ""]) {
      const { code, stderr } = await sweep([`--older-than=${bad}`]);
      expect(code, bad).toBe(2);
      expect(stderr).toContain("expected a whole number and a unit (s, m, h or d)");
    }
    expect(ec2.calls()).toEqual([]);
  });

  it("--help says how untagged leftovers are recognised, and lists its flags", async () => {
    const { code, stdout } = await runCli(["sweep", "--help"]);
    expect(code).toBe(0);
    for (const text of [
      "--older-than DURATION",
      "(default: 2h)",
      "--runs DIR",
      "--include-untagged-packer-temporaries",
      "--dry-run",
      "`<name>-<run id>-a<N>`",
    ])
      expect(stdout).toContain(text);
    const list = await runCli(["--help"]);
    expect(list.stdout).toMatch(/\n {2}sweep +remove instances/);
  });
});
