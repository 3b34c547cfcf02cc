// One try of one case: start 8 builds in a real terminal through a launcher, wait until the run record
// shows them running, send the signal, and see how the run ends: exit code, time to exit, the report,
// Packer processes and endpoint resources left. A run that does not end in time is looked into
// (hang-dump.ts) and then killed.
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { SIGNAL_WINDOW_MS } from "../../src/cli/signal-window.ts";
import { openTerminal, type Terminal } from "../../test/support/terminal.ts";
import { until } from "../../test/support/until.ts";
import { startEc2Endpoint } from "../ec2-endpoint.ts";
import { endpointLeftovers, type Leftovers } from "./endpoint-leftovers.ts";
import { dumpHang, REPORT_SIGNAL } from "./hang-dump.ts";
import { killGroups, packerProcesses, runProcesses, wrapperOf } from "./run-processes.ts";

export const LAUNCHERS = {
  npx: "npx tsx build-amis.ts",
  "tsx-cli": "node_modules/.bin/tsx build-amis.ts",
  "node-import": "node --import tsx build-amis.ts",
} as const;
export type Launcher = keyof typeof LAUNCHERS;

export const SIGNALS = [
  "ctrl-c",
  "ctrl-c-twice",
  "sighup",
  "sigint-wrapper",
  "sigterm-wrapper",
] as const;
export type SignalCase = (typeof SIGNALS)[number];

/** When the signal comes: 8 Packer processes started, or 8 builds waiting for their AMIs. */
export const PHASES = ["started", "ami"] as const;
export type Phase = (typeof PHASES)[number];

const BUILDS = 8;
const START_TIMEOUT_MS = 180_000;

export interface TryResult {
  launcher: Launcher;
  signal: SignalCase;
  index: number;
  /** Undefined when the shell that would say it was closed (SIGHUP), or the run hung. */
  exitCode?: number;
  /** Signal sent → the prompt back (SIGHUP: the report written and every process gone). */
  exitMs?: number;
  hung: boolean;
  reportWritten: boolean;
  /** Every job interrupted, none that may leak. */
  reportClean: boolean;
  packerLeft: number;
  processesLeft: number;
  leftovers?: Leftovers;
  /** When processes outlived the exit: when the last one ended (ms after the signal), or never. */
  endedAfterExit?: number | "never";
  /** Slower to end than the loop's threshold: looked into while it ran (folder/slow). */
  slow?: boolean;
  note?: string;
  ok: boolean;
}

export async function oneTry({
  copy,
  launcher,
  signal,
  index,
  phase,
  folder,
  hangMs,
  slowMs,
  traceLauncher = false,
}: {
  /** The project copy the run works in. */
  copy: string;
  launcher: Launcher;
  signal: SignalCase;
  index: number;
  phase: Phase;
  /** This try's folder: report, AMI list, diagnostics. */
  folder: string;
  hangMs: number;
  /** When a run still running is looked into (it may still end in time). */
  slowMs: number;
  /** strace the tsx CLI's kill() calls (kept beside the folder): does it SIGKILL the supervisor? */
  traceLauncher?: boolean;
}): Promise<TryResult> {
  await mkdir(folder, { recursive: true });
  const reportFile = path.join(folder, "report.json");
  // Packer's cleanup takes seconds, as on AWS, so a second press comes while it runs.
  const ec2 = await startEc2Endpoint([
    path.join("bench", "signals", "pending-ec2-local.ts"),
    ...(signal === "ctrl-c-twice" ? ["--latency", "DeleteKeyPair=4000"] : []),
  ]);
  const runsBefore = new Set(await readdir(path.join(copy, "runs")).catch(() => []));
  const terminal = await openTerminal({
    env: {
      ...withoutCi(process.env),
      AWS_POLL_DELAY_SECONDS: "1",
      TERM: "xterm-256color",
      NODE_OPTIONS: `--report-on-signal --report-signal=${REPORT_SIGNAL} --report-directory=${folder}`,
    },
  });
  const base: Omit<TryResult, "hung" | "ok"> = {
    launcher,
    signal,
    index,
    reportWritten: false,
    reportClean: false,
    packerLeft: 0,
    processesLeft: 0,
  };
  let runId: string | undefined;
  try {
    await terminal.type(
      [
        `cd ${copy} &&`,
        LAUNCHERS[launcher],
        `--ec2-endpoint ${ec2.url} --only image=base --only virtualization=hvm --retries 0`,
        `--ami-list ${path.join(folder, "ami-list")} --report ${reportFile}`,
      ].join(" "),
    );
    const record = await until(
      `${BUILDS} running attempts in the run record${phase === "ami" ? ", each with its AMI" : ""}`,
      async () => {
        const fresh = (await readdir(path.join(copy, "runs")).catch(() => [])).filter(
          (d) => !runsBefore.has(d),
        );
        for (const id of fresh) {
          const file = path.join(copy, "runs", id, "attempts.json");
          const attempts = await readRecord(file);
          const running = attempts?.attempts.filter(
            (a) => a.state === "running" && (phase === "started" || a.amiId !== undefined),
          );
          if (running?.length === BUILDS) {
            runId = id;
            return file;
          }
        }
        return false;
      },
      START_TIMEOUT_MS,
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${(await terminal.screen()).slice(-2000)}`);
    });
    const running = await runProcesses(copy);
    const tsxCli = running.find((p) => /node_modules\/\.bin\/tsx /.test(p.args));
    const trace =
      traceLauncher && tsxCli
        ? execa(
            "strace",
            ["-tt", "-e", "trace=kill", "-p", String(tsxCli.pid), "-o", `${folder}.tsx-cli.strace`],
            { reject: false },
          )
        : undefined;
    const sentAt = Date.now();
    const wrapper = wrapperOf(running);
    await send({ signal, terminal, wrapperPid: wrapper?.pid, record });
    // A run that takes long to end is looked at while it still runs, once.
    let slowDump: Promise<void> | undefined;
    const slowTimer = setTimeout(() => {
      slowDump = runProcesses(copy).then(async (processes) =>
        dumpHang({
          folder: path.join(folder, "slow"),
          processes,
          screen: await terminal.screen().catch(() => "(terminal closed)"),
          runRecord: record,
        }),
      );
    }, slowMs);
    const ended = await waitForEnd({ signal, terminal, copy, reportFile, hangMs });
    clearTimeout(slowTimer);
    await slowDump;
    const slow = slowDump !== undefined;
    if (ended === "hung") {
      const processes = await runProcesses(copy);
      await dumpHang({
        folder: path.join(folder, "hang"),
        processes,
        screen: await terminal.screen().catch(() => "(terminal closed)"),
        runRecord: record,
      });
      killGroups(await runProcesses(copy));
      return {
        ...base,
        hung: true,
        ok: false,
        processesLeft: processes.length,
        packerLeft: packerProcesses(processes).length,
      };
    }
    const exitMs = Date.now() - sentAt;
    const atExit = await runProcesses(copy);
    trace?.kill();
    // A failed try keeps what shows why: the screen and the run record.
    if (signal !== "sighup")
      await writeFile(path.join(folder, "screen.txt"), await terminal.screen());
    if (runId)
      await copyFile(
        path.join(copy, "runs", runId, "attempts.json"),
        path.join(folder, "attempts.json"),
      ).catch(() => {});
    // What goes on after the shell got its prompt back: a run that still cleans up, or one left running.
    const stillRunning: number | "never" | undefined =
      atExit.length === 0
        ? undefined
        : await until(
            "the run's processes to end",
            async () => (await runProcesses(copy)).length === 0 && Date.now() - sentAt,
            hangMs,
          ).catch(() => "never" as const);
    const report = await readReport(reportFile);
    const leftovers = await endpointLeftovers(ec2.url, runId);
    const result = {
      ...base,
      ...(ended.code !== undefined ? { exitCode: ended.code } : {}),
      exitMs,
      hung: false,
      reportWritten: report !== undefined,
      reportClean:
        report !== undefined &&
        report.jobs.length === BUILDS &&
        report.jobs.every((j) => j.status === "interrupted" && !j.mayLeak),
      packerLeft: packerProcesses(atExit).length,
      processesLeft: atExit.length,
      leftovers,
      ...(ended.note ? { note: ended.note } : {}),
      slow,
      ...(stillRunning !== undefined ? { endedAfterExit: stillRunning } : {}),
    };
    killGroups(await runProcesses(copy));
    const ok =
      (signal === "sighup" || result.exitCode === 130) &&
      result.reportClean &&
      result.processesLeft === 0 &&
      Object.values(leftovers).every((n) => n === 0);
    return { ...result, ok };
  } catch (error) {
    killGroups(await runProcesses(copy));
    return { ...base, hung: false, ok: false, note: (error as Error).message.split("\n")[0] };
  } finally {
    await terminal.close();
    await ec2.close();
  }
}

async function send({
  signal,
  terminal,
  wrapperPid,
  record,
}: {
  signal: SignalCase;
  terminal: Terminal;
  wrapperPid: number | undefined;
  record: string;
}): Promise<void> {
  if (signal === "ctrl-c") return terminal.ctrlC();
  if (signal === "sighup") return terminal.close();
  if (signal === "ctrl-c-twice") {
    await terminal.ctrlC();
    const [first] = await until("the run to take the interrupt", async () => {
      const counted = (await readRecord(record))?.interrupts ?? [];
      return counted.length > 0 && counted;
    });
    // A press closer to the first than the window is a copy of it.
    const counted = Date.parse(first?.at ?? "");
    await until("the signal window to pass", () => Date.now() - counted > SIGNAL_WINDOW_MS);
    await terminal.ctrlC();
    await until("the warning", async () =>
      (await terminal.screen()).includes("WARNING: Ctrl-C again kills"),
    );
    return;
  }
  if (wrapperPid === undefined) throw new Error("the wrapper is not running");
  process.kill(wrapperPid, signal === "sigint-wrapper" ? "SIGINT" : "SIGTERM");
}

type Ended = "hung" | { code?: number; note?: string };

async function waitForEnd({
  signal,
  terminal,
  copy,
  reportFile,
  hangMs,
}: {
  signal: SignalCase;
  terminal: Terminal;
  copy: string;
  reportFile: string;
  hangMs: number;
}): Promise<Ended> {
  if (signal === "sighup") {
    // No shell is left to say the exit code: the run has ended once its processes have.
    const gone = await until(
      "the run's processes to end",
      async () => (await runProcesses(copy)).length === 0,
      hangMs,
    ).catch(() => false);
    if (!gone) return "hung";
    const written = await stat(reportFile).catch(() => undefined);
    return written ? {} : { note: "no report" };
  }
  return terminal
    .exitCode(hangMs)
    .then((code) => ({ code }))
    .catch((): Ended => "hung");
}

interface RecordShape {
  interrupts: { signal: string; at: string }[];
  attempts: { state: string; amiId?: string }[];
}

async function readRecord(file: string): Promise<RecordShape | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as RecordShape;
  } catch {
    return undefined;
  }
}

interface ReportShape {
  jobs: { status: string; mayLeak?: boolean }[];
}

async function readReport(file: string): Promise<ReportShape | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as ReportShape;
  } catch {
    return undefined;
  }
}

function withoutCi(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { CI: _ci, ...rest } = env;
  return rest;
}
