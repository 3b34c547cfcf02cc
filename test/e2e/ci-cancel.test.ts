// Done when: a CI cancel (GitHub Actions: SIGINT to the launcher, SIGTERM 7.5 s later, then the whole
// process tree killed 2.5 s after that) comes long before Packer's cleanup ends; the run record holds
// what was in flight, and `sweep --run` removes exactly that. The times are scaled down (1.5 s and
// 0.5 s), the order is kept. Real Packer builds 8 cells against ec2-local.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Ec2Local, startEc2Local } from "../../src/ec2-local/index.ts";
import { parseAttemptName } from "../../src/model/attempt-name.ts";
import { PROJECT_DIR, projectPaths } from "../../src/project-paths.ts";
import { killGroups, processesWith } from "../support/processes.ts";
import {
  cellTags,
  cliEnv,
  clientFor,
  launchInstance,
  makeKeyPair,
} from "../support/prune-and-sweep-fixtures.ts";
import { runCli } from "../support/run-cli.ts";
import { until } from "../support/until.ts";

const BUILDS = 8;
const CI_SIGTERM_AFTER_MS = 1500; // 7.5 s on GitHub Actions
const CI_KILL_AFTER_MS = 500; // 2.5 s on GitHub Actions
let ec2: Ec2Local;
let scratch: string;
let tool: ChildProcess | undefined;
let runId: string | undefined;

beforeAll(async () => {
  // AMIs stay pending, and terminating an instance takes seconds: Packer's cleanup outlasts the cancel.
  ec2 = await startEc2Local({ port: 0, delays: { imageMs: 600_000 } });
  scratch = await mkdtemp(path.join(tmpdir(), "ami-matrix-ci-cancel-"));
});
afterAll(async () => {
  killGroups(await processesWith(scratch));
  if (runId) killGroups(await processesWith(path.join(projectPaths.runs, runId)));
  await ec2?.close();
  await rm(scratch, { recursive: true, force: true });
  if (runId) await rm(path.join(projectPaths.runs, runId), { recursive: true, force: true });
});

// What the runner does last: SIGKILL to every process descended from the step's, whatever its group.
async function killTree(root: number): Promise<void> {
  const all = await processesWith("");
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (tree.has(p.ppid) && !tree.has(p.pid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  for (const pid of tree) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

// Whether a pid is a process that still runs (a zombie has ended, only its parent has not reaped it).
async function runsOn(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    return !["Z", "X"].includes(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] ?? "");
  } catch {
    return false;
  }
}

describe("a CI cancel while 8 builds wait for their AMIs", () => {
  it("leaves a run record from which sweep --run removes exactly what was left", async () => {
    const region = "us-east-1";
    // Someone else's: another run's instance and a Packer key pair no run of ours recorded.
    const client = clientFor(ec2, region);
    const otherRun = await launchInstance({
      client,
      region,
      tags: cellTags("base/us-east-1/hvm", "20260101T000000Z-0000"),
    });
    await makeKeyPair(client, "packer_not-this-run");
    client.destroy();

    tool = spawn(
      path.join(PROJECT_DIR, "node_modules", ".bin", "tsx"),
      [
        "build-amis.ts",
        ...["--ec2-endpoint", ec2.url, "--only", "image=base", "--only", "virtualization=hvm"],
        ...["--retries", "0", "--ami-list", path.join(scratch, "ami-list")],
        ...["--report", path.join(scratch, "report.json")],
      ],
      { cwd: PROJECT_DIR, env: { ...cliEnv, AWS_POLL_DELAY_SECONDS: "1" }, stdio: "pipe" },
    );
    let output = "";
    tool.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    tool.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    const pending = await until(`${BUILDS} builds waiting for their AMIs`, () => {
      const images = ec2.images({ state: "pending" });
      return images.length === BUILDS && images;
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n${output}`);
    });
    runId = parseAttemptName(pending[0]?.name ?? "")?.runId;

    // While the run goes, sweep --run refuses: its builds are using what it would remove.
    const early = await runCli(["sweep", "--run", runId as string, "--ec2-endpoint", ec2.url], {
      env: cliEnv,
    });
    expect(early.code, early.stdout).toBe(2);
    expect(early.stderr).toContain(`Run ${runId} is still going`);

    ec2.setFaults({ latencyMs: { TerminateInstances: 20_000 } });
    const wrapper = tool.pid as number;
    process.kill(wrapper, "SIGINT");
    await sleep(CI_SIGTERM_AFTER_MS);
    process.kill(wrapper, "SIGTERM");
    await sleep(CI_KILL_AFTER_MS);
    await killTree(wrapper);
    // A SIGKILLed process runs on until the kernel has torn it down: wait for the tool's own process
    // (the one the run record names) as well as for every Packer of the run.
    const recorded = JSON.parse(
      await readFile(path.join(projectPaths.runs, runId as string, "attempts.json"), "utf8"),
    ) as { process: { pid: number } };
    await until("every process of the run to end", async () => {
      const left = await processesWith(path.join(projectPaths.runs, runId as string));
      return left.length === 0 && !(await runsOn(recorded.process.pid));
    });
    ec2.setFaults({});

    // The cancel came long before Packer's cleanup: everything of the 8 builds is still there.
    const ofRun = () => ({
      instances: ec2.liveInstances().filter((i) => i.tags["ami-matrix:run"] === runId),
      groups: ec2.securityGroups().filter((g) => g.name.startsWith("packer_")),
      keys: ec2.keyPairs().filter((k) => k.name !== "packer_not-this-run"),
      images: ec2.images().filter((i) => i.name.includes(runId as string)),
    });
    const left = ofRun();
    expect(left.instances).toHaveLength(BUILDS);
    expect(left.groups).toHaveLength(BUILDS);
    expect(left.keys).toHaveLength(BUILDS);
    expect(left.images).toHaveLength(BUILDS);
    const snapshots = left.images.flatMap((i) => i.snapshotIds);

    // The record, written as the builds went, names every attempt and what Packer made for it.
    const record = JSON.parse(
      await readFile(path.join(projectPaths.runs, runId as string, "attempts.json"), "utf8"),
    ) as {
      endedAt?: string;
      interrupts: { signal: string }[];
      attempts: {
        state: string;
        keyPair?: string;
        securityGroup?: string;
        instanceId?: string;
        amiId?: string;
      }[];
    };
    expect(record.endedAt).toBeUndefined();
    expect(record.interrupts.map((i) => i.signal)).toEqual(["SIGINT", "SIGTERM"]);
    expect(record.attempts).toHaveLength(BUILDS);
    expect(new Set(record.attempts.map((a) => a.keyPair))).toEqual(
      new Set(left.keys.map((k) => k.name)),
    );
    expect(new Set(record.attempts.map((a) => a.securityGroup))).toEqual(
      new Set(left.groups.map((g) => g.name)),
    );
    expect(new Set(record.attempts.map((a) => a.instanceId))).toEqual(
      new Set(left.instances.map((i) => i.id)),
    );
    expect(new Set(record.attempts.map((a) => a.amiId))).toEqual(
      new Set(left.images.map((i) => i.id)),
    );

    const { code, stdout, stderr } = await runCli(
      [
        "sweep",
        "--run",
        runId as string,
        "--ec2-endpoint",
        ec2.url,
        "--ami-list",
        path.join(scratch, "ami-list"),
      ],
      { env: cliEnv },
    );
    expect(code, stdout + stderr).toBe(0);
    expect(stdout).toContain(
      `Swept: terminated ${BUILDS} instances, deleted ${BUILDS} security groups and ${BUILDS} key pairs, deregistered ${BUILDS} AMIs, deleted ${snapshots.length} snapshots.`,
    );
    expect(ofRun()).toEqual({ instances: [], groups: [], keys: [], images: [] });
    const snapshotsLeft = new Set(ec2.snapshots().map((s) => s.id));
    expect(snapshots.filter((s) => snapshotsLeft.has(s))).toEqual([]);
    // Exactly the run's: the other run's instance and the unrecorded key pair are still there.
    expect(ec2.liveInstances().map((i) => i.id)).toEqual([otherRun]);
    expect(ec2.keyPairs().map((k) => k.name)).toEqual(["packer_not-this-run"]);
  }, 180_000);
});
