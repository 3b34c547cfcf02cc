// prune through the CLI against ec2-local over HTTP: what goes, what stays, and what a user reads.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Ec2Local, startEc2Local } from "../../src/ec2-local/index.ts";
import { TAG } from "../../src/model/tags.ts";
import {
  amiListWith,
  cellTags,
  cliEnv,
  clientFor,
  type MadeAmi,
  makeAmi,
} from "../support/prune-and-sweep-fixtures.ts";
import { runCli } from "../support/run-cli.ts";

const CELL = "spark/us-east-1/hvm";
type Five = [MadeAmi, MadeAmi, MadeAmi, MadeAmi, MadeAmi];
let ec2: Ec2Local;
const folders: string[] = [];

beforeEach(async () => {
  ec2 = await startEc2Local({ port: 0 });
});
afterEach(async () => {
  await ec2.close();
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
});

// `count` builds of one cell, oldest first.
async function builds(jobId: string, count: number, ec2Local = ec2): Promise<MadeAmi[]> {
  const region = jobId.split("/")[1] ?? "";
  const client = clientFor(ec2Local, region);
  const made: MadeAmi[] = [];
  for (let n = 1; n <= count; n++) {
    made.push(
      await makeAmi({
        client,
        region,
        name: `${jobId.replaceAll("/", "-")}-2026110${n}T000000Z-abcd-a1`,
        tags: cellTags(jobId, `2026110${n}T000000Z-abcd`),
      }),
    );
  }
  client.destroy();
  return made;
}

async function amiList(cells: Record<string, string>): Promise<string> {
  const dir = await amiListWith(cells);
  folders.push(dir);
  return dir;
}

function prune(args: string[], ec2Local = ec2) {
  return runCli(["prune", "--ec2-endpoint", ec2Local.url, ...args], { env: cliEnv });
}

const ids = (region: string, ec2Local = ec2) =>
  ec2Local
    .images({ region })
    .map((i) => i.id)
    .sort();
const snapshotIds = (region: string) =>
  ec2
    .snapshots(region)
    .map((s) => s.id)
    .sort();

describe("prune", () => {
  it("keeps the K newest AMIs of a cell and the listed one, and removes the rest with their snapshots", async () => {
    const [a1, a2, a3, a4, a5] = (await builds(CELL, 5)) as Five;
    const list = await amiList({ [CELL]: a1.id });
    const { code, stdout } = await prune([
      "--keep",
      "2",
      "--ami-list",
      list,
      "--only",
      "region=us-east-1",
    ]);
    expect(code, stdout).toBe(0);
    expect(ids("us-east-1")).toEqual([a1.id, a4.id, a5.id].sort());
    const snapshots = snapshotIds("us-east-1");
    for (const gone of [...a2.snapshotIds, ...a3.snapshotIds])
      expect(snapshots).not.toContain(gone);
    for (const kept of [...a1.snapshotIds, ...a4.snapshotIds, ...a5.snapshotIds])
      expect(snapshots).toContain(kept);
    expect(stdout).toMatch(new RegExp(`keep +${a1.id} .*in the AMI list`));
    expect(stdout).toMatch(new RegExp(`keep +${a5.id} .*newest`));
    expect(stdout).toMatch(new RegExp(`remove +${a2.id} .*older than the 2 newest`));
    expect(stdout).toContain(`deregistered AMI ${a3.id}`);
    expect(stdout).toContain("Pruned: deregistered 2 AMIs and deleted 2 snapshots; 3 AMIs kept.");
  });

  it("never touches an AMI without ami-matrix's tool tag, nor cells outside --only", async () => {
    const client = clientFor(ec2, "us-east-1");
    const foreign = await makeAmi({
      client,
      region: "us-east-1",
      name: "someone-elses-ami",
      tags: { [TAG.job]: CELL },
    });
    const untagged = await makeAmi({ client, region: "us-east-1", name: "untagged-ami" });
    client.destroy();
    await builds(CELL, 2);
    const west = await builds("spark/us-west-2/hvm", 3);
    const { code, stdout } = await prune([
      "--keep",
      "1",
      "--ami-list",
      await amiList({}),
      "--only",
      "region=us-east-1",
    ]);
    expect(code, stdout).toBe(0);
    const left = ids("us-east-1");
    expect(left).toContain(foreign.id);
    expect(left).toContain(untagged.id);
    expect(left).toHaveLength(3);
    expect(stdout).toMatch(new RegExp(`keep +${foreign.id} .*not tagged by ami-matrix`));
    expect(ids("us-west-2")).toEqual(west.map((a) => a.id).sort());
  });

  it("--dry-run lists what would go and what stays, and changes nothing", async () => {
    const made = await builds(CELL, 4);
    const before = { images: ids("us-east-1"), snapshots: snapshotIds("us-east-1") };
    const { code, stdout } = await prune([
      "--dry-run",
      "--ami-list",
      await amiList({}),
      "--only",
      "region=us-east-1",
    ]);
    expect(code, stdout).toBe(0);
    expect({ images: ids("us-east-1"), snapshots: snapshotIds("us-east-1") }).toEqual(before);
    expect(stdout).toMatch(
      new RegExp(`remove +${made[0]?.id} .*older than the 3 newest; snapshots snap-`),
    );
    expect(stdout).toContain(
      "Dry run: would deregister 1 AMI and delete 1 snapshot; 3 AMIs kept. Nothing was changed.",
    );
    expect(ec2.calls({ action: "DeregisterImage" })).toEqual([]);
  });

  it("exits 1 naming what failed, and a second prune finishes the job, orphaned snapshots included", async () => {
    const [a1, a2, a3] = (await builds(CELL, 3)) as Five;
    const list = await amiList({ [CELL]: a3.id });
    ec2.setFaults({
      faults: [
        { action: "DeregisterImage", code: "UnauthorizedOperation", status: 403, first: 1 },
        { action: "DeleteSnapshot", code: "UnauthorizedOperation", status: 403, first: 1 },
      ],
    });
    const args = ["--keep", "1", "--ami-list", list, "--only", "region=us-east-1"];
    const first = await prune(args);
    expect(first.code, first.stdout).toBe(1);
    // The newest (a3) stays; a2 is tried first and fails; a1 goes but its snapshot stays.
    expect(first.stdout).toContain(`could not deregister AMI ${a2.id}: UnauthorizedOperation`);
    expect(first.stdout).toContain(`could not delete snapshot ${a1.snapshotIds[0]}`);
    expect(first.stdout).toContain("Run prune again to retry them.");
    expect(ids("us-east-1")).toEqual([a2.id, a3.id].sort());

    ec2.setFaults({});
    const second = await prune(args);
    expect(second.code, second.stdout).toBe(0);
    expect(second.stdout).toMatch(
      new RegExp(`remove +${a1.snapshotIds[0]} .*AMI is already deregistered`),
    );
    expect(ids("us-east-1")).toEqual([a3.id]);
    expect(snapshotIds("us-east-1")).toEqual(a3.snapshotIds);
  });

  it("never prunes a pending AMI, and says so", async () => {
    const slow = await startEc2Local({ port: 0, delays: { imageMs: 600_000 } });
    try {
      const made = await builds(CELL, 3, slow);
      const { code, stdout } = await prune(
        ["--keep", "1", "--ami-list", await amiList({}), "--only", "region=us-east-1"],
        slow,
      );
      expect(code, stdout).toBe(0);
      expect(ids("us-east-1", slow)).toEqual(made.map((a) => a.id).sort());
      expect(stdout).toMatch(
        new RegExp(`keep +${made[0]?.id} .*pending +pending: a build may be running`),
      );
      expect(stdout).toContain("3 of them pending and left alone, as a build may be running");
    } finally {
      await slow.close();
    }
  });

  it("skips a cell whose AMI list file cannot be read, since the AMI in use is unknown", async () => {
    const made = await builds(CELL, 3);
    const list = await amiList({});
    await mkdir(path.join(list, "spark", "us-east-1"), { recursive: true });
    await writeFile(path.join(list, "spark", "us-east-1", "hvm"), "<<<<<<< HEAD\n");
    const { code, stdout } = await prune([
      "--keep",
      "1",
      "--ami-list",
      list,
      "--only",
      "region=us-east-1",
    ]);
    expect(code, stdout).toBe(0);
    expect(ids("us-east-1")).toEqual(made.map((a) => a.id).sort());
    expect(stdout).toContain(
      "spark/us-east-1/hvm  skipped: its AMI list file spark/us-east-1/hvm cannot be read (not an AMI id",
    );
    expect(stdout).toContain("1 cell skipped");
  });

  it("refuses an AMI list folder that does not exist, as a usage error", async () => {
    const { code, stderr } = await prune([
      "--ami-list",
      "no/such/folder",
      "--only",
      "region=us-east-1",
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain("AMI list folder no/such/folder does not exist");
  });

  it("--help says what prune keeps and never touches, and lists its flags", async () => {
    const { code, stdout } = await runCli(["prune", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: npx tsx build-amis.ts prune [options]");
    for (const text of [
      "--keep N",
      "(default: 3)",
      "--ami-list DIR",
      "--dry-run",
      "--only",
      "--ec2-endpoint",
    ])
      expect(stdout).toContain(text);
    expect(stdout).toContain("Never touches a pending AMI");
    const list = await runCli(["--help"]);
    expect(list.stdout).toMatch(/\n {2}prune +deregister old AMIs/);
  });
});
