// Done when: in a real terminal, whatever the launcher, a Ctrl-C (or two), a closed terminal, or a
// signal to the launcher alone stops the run gracefully: Packer cleans up, the report is written, the
// exit code is 130, and nothing is left running or in the endpoint. Real Packer builds 8 cells
// against ec2-local, whose AMIs stay pending, so every build is waiting on AWS when the signal comes.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SIGNAL_WINDOW_MS } from "../../src/cli/signal-window.ts";
import { type Ec2Local, startEc2Local } from "../../src/ec2-local/index.ts";
import { parseAttemptName } from "../../src/model/attempt-name.ts";
import { PROJECT_DIR, projectPaths } from "../../src/project-paths.ts";
import { killGroups, processesWith } from "../support/processes.ts";
import { openTerminal, type Terminal } from "../support/terminal.ts";
import { until } from "../support/until.ts";

const BUILDS = 8;
const TIMEOUT = 150_000;
const LAUNCHERS = {
  "npx tsx (the README's way)": "npx tsx build-amis.ts",
  "the tsx CLI": "node_modules/.bin/tsx build-amis.ts",
  "node --import tsx": "node --import tsx build-amis.ts",
} as const;

let ec2: Ec2Local;
let scratch: string;
let terminal: Terminal | undefined;
let runId: string | undefined;

beforeEach(async () => {
  // AMIs stay pending, as AWS keeps them for minutes: every build waits for its AMI.
  ec2 = await startEc2Local({ port: 0, delays: { imageMs: 600_000 } });
  scratch = await mkdtemp(path.join(tmpdir(), "ami-matrix-signals-"));
  runId = undefined;
});
afterEach(async (context) => {
  await terminal?.close();
  terminal = undefined;
  killGroups(await processesWith(scratch));
  if (runId) killGroups(await processesWith(path.join(projectPaths.runs, runId)));
  await ec2.close();
  await rm(scratch, { recursive: true, force: true });
  // A failed run's folder (its record and Packer's logs) is kept to look into.
  if (runId && context.task.result?.state !== "fail")
    await rm(path.join(projectPaths.runs, runId), { recursive: true, force: true });
});

interface Report {
  runId: string;
  jobs: { id: string; status: string; mayLeak?: boolean; error?: string }[];
}

// Starts 8 builds in a terminal and returns once each is waiting for its AMI.
async function startBuilds(launcher: keyof typeof LAUNCHERS): Promise<{ reportFile: string }> {
  const reportFile = path.join(scratch, "report.json");
  terminal = await openTerminal({
    env: { ...withoutCi(process.env), AWS_POLL_DELAY_SECONDS: "1", TERM: "xterm-256color" },
  });
  await terminal.type(
    [
      `cd ${PROJECT_DIR} &&`,
      LAUNCHERS[launcher],
      `--ec2-endpoint ${ec2.url} --only image=base --only virtualization=hvm --retries 0`,
      `--ami-list ${path.join(scratch, "ami-list")} --report ${reportFile}`,
    ].join(" "),
  );
  const pending = await until(
    `${BUILDS} builds waiting for their AMIs`,
    async () => {
      const images = ec2.images({ state: "pending" });
      if (images.length < BUILDS) return false;
      return images;
    },
    90_000,
  ).catch(async (error: Error) => {
    throw new Error(`${error.message}\n${await terminal?.screen()}`);
  });
  runId = parseAttemptName(pending[0]?.name ?? "")?.runId;
  expect(runId).toBeDefined();
  return { reportFile };
}

// The run's exit code; when it does not end, what was still running says why.
async function exitCode(): Promise<number | undefined> {
  return terminal?.exitCode().catch(async (error: Error) => {
    const processes = await runProcesses().catch(() => []);
    const running = processes.map((p) => `${p.pid} ${p.args.join(" ").slice(0, 160)}`);
    throw new Error(`${error.message}\nstill running:\n${running.join("\n")}`);
  });
}

async function expectStoppedCleanly({
  reportFile,
  code,
}: {
  reportFile: string;
  code?: number;
}): Promise<Report> {
  const report = JSON.parse(await readFile(reportFile, "utf8")) as Report;
  expect(report.runId).toBe(runId);
  expect(report.jobs.map((j) => j.status)).toEqual(Array(BUILDS).fill("interrupted"));
  expect(report.jobs.filter((j) => j.mayLeak)).toEqual([]);
  if (code !== undefined) expect(code).toBe(130);
  // Nothing of the run is running: not the tool, not one Packer process.
  await until(
    "the run's processes to end",
    async () => (await runProcesses()).length === 0,
    30_000,
  );
  // Nothing of it is left in the endpoint: no instance, temporary group or key, nor its AMIs.
  expect(ec2.liveInstances()).toEqual([]);
  expect(ec2.securityGroups().filter((g) => g.name.startsWith("packer_"))).toEqual([]);
  expect(ec2.keyPairs()).toEqual([]);
  expect(ec2.images().filter((i) => i.name.includes(runId as string))).toEqual([]);
  return report;
}

async function countedInterrupts(): Promise<{ signal: string; at: string }[]> {
  const file = path.join(projectPaths.runs, runId as string, "attempts.json");
  const record = JSON.parse(await readFile(file, "utf8")) as {
    interrupts: { signal: string; at: string }[];
  };
  return record.interrupts;
}

async function runProcesses() {
  return [
    ...(await processesWith(scratch)),
    ...(await processesWith(path.join(projectPaths.runs, runId as string))),
  ];
}

// The launcher the user started: the tsx CLI's own process, or node itself.
async function launcherPid(): Promise<number> {
  const processes = await processesWith(scratch);
  const launched = processes.find((p) => !processes.some((q) => q.pid === p.ppid));
  if (!launched) throw new Error("the launcher is not running");
  return launched.pid;
}

// The process the launcher started: the one that supervises the worker.
async function supervisorPid(): Promise<number> {
  const launcher = await launcherPid();
  const supervisor = (await processesWith(scratch)).find((p) => p.ppid === launcher);
  if (!supervisor) throw new Error("the supervisor is not running");
  return supervisor.pid;
}

function withoutCi(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { CI: _ci, ...rest } = env;
  return rest;
}

describe.each(Object.keys(LAUNCHERS) as (keyof typeof LAUNCHERS)[])("through %s", (launcher) => {
  it(
    "one Ctrl-C: Packer cleans up, the report is written, exit 130, nothing left",
    async () => {
      const { reportFile } = await startBuilds(launcher);
      await terminal?.ctrlC();
      const code = await exitCode();
      await expectStoppedCleanly({ reportFile, code });
      // One press counts once, however many copies of it the launchers pass on.
      expect((await countedInterrupts()).map((i) => i.signal)).toEqual(["SIGINT"]);
      expect(await terminal?.screen()).toContain(`sweep --run ${runId} --dry-run`);
    },
    TIMEOUT,
  );

  it(
    "two Ctrl-C: the second warns what forcing would leave, and the run still stops cleanly",
    async () => {
      const { reportFile } = await startBuilds(launcher);
      // Packer's cleanup takes seconds, as on AWS, so the second press comes while it runs.
      ec2.setFaults({ latencyMs: { DeleteKeyPair: 4000 } });
      await terminal?.ctrlC();
      const [first] = await until("the run to take the interrupt", async () => {
        const counted = await countedInterrupts();
        return counted.length > 0 && counted;
      });
      // A press closer to the first than the window is a copy of it: wait the window out.
      const counted = Date.parse(first?.at ?? "");
      await until("the signal window to pass", () => Date.now() - counted > SIGNAL_WINDOW_MS);
      await terminal?.ctrlC();
      await until("the warning", async () =>
        (await terminal?.screen())?.includes("WARNING: Ctrl-C again kills"),
      );
      const code = await exitCode();
      await expectStoppedCleanly({ reportFile, code });
      expect((await countedInterrupts()).map((i) => i.signal)).toEqual(["SIGINT", "SIGINT"]);
    },
    TIMEOUT,
  );
});

describe("through the tsx CLI", () => {
  it(
    "a closed terminal (SIGHUP) stops the run cleanly and still writes the report",
    async () => {
      const { reportFile } = await startBuilds("the tsx CLI");
      await terminal?.close();
      await until("the report", () => stat(reportFile).catch(() => false), 60_000);
      await expectStoppedCleanly({ reportFile });
    },
    TIMEOUT,
  );

  it.each([
    ["the tsx CLI's process", launcherPid],
    ["the supervisor", supervisorPid],
  ] as const)(
    "SIGKILL to %s alone: the worker stops the run as gracefully, and writes the report",
    async (_, victim) => {
      const { reportFile } = await startBuilds("the tsx CLI");
      // The shell gets its prompt back at once; the run still ends as after a Ctrl-C.
      process.kill(await victim(), "SIGKILL");
      await until("the report", () => stat(reportFile).catch(() => false), 60_000);
      await expectStoppedCleanly({ reportFile });
    },
    TIMEOUT,
  );

  it.each(["SIGINT", "SIGTERM"] as const)(
    "%s to the launcher's pid alone stops the run cleanly, exit 130",
    async (signal) => {
      const { reportFile } = await startBuilds("the tsx CLI");
      process.kill(await launcherPid(), signal);
      const code = await exitCode();
      await expectStoppedCleanly({ reportFile, code });
    },
    TIMEOUT,
  );
});

describe("through npx", () => {
  it(
    "SIGTERM to npx's process alone: npx exits at once, and the run still stops cleanly and writes the report",
    async () => {
      const { reportFile } = await startBuilds("npx tsx (the README's way)");
      // npx runs the tsx CLI through `sh -c`, which dies of the SIGTERM npx passes on; npx then exits
      // 143 at once, while the tsx CLI, orphaned, lives on.
      process.kill(await launcherPid(), "SIGTERM");
      expect(await exitCode()).toBe(143);
      await until("the report", () => stat(reportFile).catch(() => false), 60_000);
      await expectStoppedCleanly({ reportFile });
    },
    TIMEOUT,
  );
});
