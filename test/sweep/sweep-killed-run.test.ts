// Done when: `sweep` removes what a SIGKILLed run left in ec2-local, its finished but untagged AMIs
// included. A real build of four cells with real Packer, killed with all its Packer processes while
// EC2 makes the AMIs, as a machine crash would; EC2 finishes them, and Packer never tags them.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Ec2Local, startEc2Local } from "../../src/ec2-local/index.ts";
import { parseAttemptName } from "../../src/model/attempt-name.ts";
import { PROJECT_DIR, projectPaths } from "../../src/project-paths.ts";
import { packerTemporaryTime } from "../../src/removal/packer-temporary-name.ts";
import { processesWith } from "../support/processes.ts";
import { cliEnv } from "../support/prune-and-sweep-fixtures.ts";
import { runCli } from "../support/run-cli.ts";
import { until } from "../support/until.ts";

const REGION = "us-east-1";
// The base image's two cells: the Spark cells are built on them, so they would only start later.
const CELLS = 2;
let ec2: Ec2Local;
let scratch: string;
let tool: ChildProcess | undefined;
let runId: string | undefined;
const packerGroups = new Set<number>();

beforeAll(async () => {
  // AMIs take seconds to become available, as they take minutes on AWS: the kill comes during the wait.
  ec2 = await startEc2Local({ port: 0, delays: { imageMs: 6000 } });
  scratch = await mkdtemp(path.join(tmpdir(), "ami-matrix-killed-run-"));
});
afterAll(async () => {
  killEverything();
  await ec2?.close();
  await rm(scratch, { recursive: true, force: true });
  if (runId) await rm(path.join(projectPaths.runs, runId), { recursive: true, force: true });
});

function killEverything(): void {
  for (const group of [...(tool?.pid ? [tool.pid] : []), ...packerGroups]) {
    try {
      process.kill(-group, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

// The tool starts each Packer in a process group of its own; find those groups by the run folder.
async function packerGroupsOf(runDir: string): Promise<number[]> {
  const groups: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8");
      if (!cmdline.includes(runDir)) continue;
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      const pgid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgid > 1) groups.push(pgid);
    } catch {
      // the process ended while we looked
    }
  }
  return [...new Set(groups)];
}

describe("a run killed with SIGKILL, tool and Packer alike", () => {
  it("leaves instances, Packer's groups and keys and untagged available AMIs, and sweep removes them all", async () => {
    const amiList = path.join(scratch, "ami-list");
    tool = spawn(
      path.join(PROJECT_DIR, "node_modules", ".bin", "tsx"),
      [
        "build-amis.ts",
        "--ec2-endpoint",
        ec2.url,
        "--only",
        `region=${REGION}`,
        "--only",
        "image=base",
        "--region-concurrency",
        String(CELLS),
        "--retries",
        "0",
        "--ami-list",
        amiList,
      ],
      {
        cwd: PROJECT_DIR,
        // Packer's AMI waiter must outlast the AMI's 6 s: at 0 s it gives up after 40 quick polls.
        env: { ...process.env, AWS_POLL_DELAY_SECONDS: "1", CI: "true" },
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    tool.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    tool.stderr?.on("data", (chunk) => {
      output += chunk;
    });

    // Every build has asked for its AMI and waits for it to become available.
    const pendingOfRun = () =>
      ec2.images({ region: REGION, state: "pending" }).filter((i) => parseAttemptName(i.name));
    const pending = await until(
      `${CELLS} pending AMIs (tool output so far: ${output})`,
      () => pendingOfRun().length === CELLS && pendingOfRun(),
    );
    runId = parseAttemptName(pending[0]?.name ?? "")?.runId;
    expect(runId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{4}$/);
    const runDir = path.join(projectPaths.runs, runId as string);
    for (const group of await packerGroupsOf(runDir)) packerGroups.add(group);
    expect(packerGroups.size, "Packer processes of the run").toBe(CELLS);
    // The tool's own processes (launcher, supervisor, worker) name the scratch folder.
    for (const p of await processesWith(scratch)) packerGroups.add(p.pgid);
    killEverything();

    // What the crash left: the stopped instances, Packer's temporaries, and the AMIs EC2 went on
    // making, which became available without the tags Packer would have added next.
    const leftInstances = ec2.liveInstances(REGION);
    expect(leftInstances).toHaveLength(CELLS);
    const availableOfRun = () =>
      ec2
        .images({ region: REGION, state: "available" })
        .filter((i) => i.name.includes(runId as string));
    const leftAmis = await until(
      "the AMIs to become available",
      () => availableOfRun().length === CELLS && availableOfRun(),
    );
    expect(leftAmis.every((ami) => Object.keys(ami.tags).length === 0)).toBe(true);
    const leftSnapshots = leftAmis.flatMap((ami) => ami.snapshotIds);
    expect(leftSnapshots.length).toBeGreaterThanOrEqual(CELLS);
    const usedGroups = new Set(leftInstances.flatMap((i) => i.securityGroupIds));
    const usedKeys = new Set(leftInstances.flatMap((i) => (i.keyName ? [i.keyName] : [])));
    expect(usedKeys.size).toBe(CELLS);
    const temporaries = ec2.securityGroups(REGION).filter((g) => usedGroups.has(g.id));
    expect(temporaries).toHaveLength(CELLS);
    // Real Packer's names carry the time they were made, which sweep relies on for untagged ones.
    for (const name of [...temporaries.map((g) => g.name), ...usedKeys]) {
      expect(Math.abs((packerTemporaryTime(name) ?? 0) - Date.now())).toBeLessThan(120_000);
    }

    // Its own runs folder: ec2-local hands out the same AMI ids on every start, so the reports of
    // earlier rehearsals in the project's runs/ would name (and so protect) these very AMIs.
    const runs = await mkdtemp(path.join(scratch, "runs-"));
    const sweep = (...args: string[]) =>
      runCli(
        [
          "sweep",
          ...args,
          ...["--ec2-endpoint", ec2.url, "--only", `region=${REGION}`],
          ...["--ami-list", amiList, "--runs", runs],
        ],
        { env: cliEnv },
      );
    // Under the default threshold they are found, and left for being young.
    const young = await sweep("--dry-run");
    for (const ami of leftAmis)
      expect(young.stdout).toMatch(
        new RegExp(`leave +AMI ${ami.id} +available, created .*younger than 2h`),
      );
    const { code, stdout, stderr } = await sweep("--older-than", "0");
    expect(code, stdout + stderr).toBe(0);
    expect(stdout).toContain("untagged, so Packer never finished it");
    expect(ec2.liveInstances(REGION)).toEqual([]);
    expect(ec2.securityGroups(REGION).filter((g) => usedGroups.has(g.id))).toEqual([]);
    expect(ec2.keyPairs(REGION).filter((k) => usedKeys.has(k.name))).toEqual([]);
    expect(availableOfRun(), stdout).toEqual([]);
    const snapshotsLeft = new Set(ec2.snapshots(REGION).map((s) => s.id));
    expect(leftSnapshots.filter((s) => snapshotsLeft.has(s))).toEqual([]);
    expect(stdout).toContain(
      `Swept: terminated ${CELLS} instances, deleted ${CELLS} security groups and ${CELLS} key pairs, deregistered ${CELLS} AMIs, deleted ${leftSnapshots.length} snapshots`,
    );
  }, 120_000);
});
