// A whole build through the CLI in-process, with the stand-in Packer replaying recorded output against
// an ec2-local, and what a user would look at afterwards: the output, the report, the AMI list.
import { EventEmitter } from "node:events";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { runMain } from "../../src/cli/run-main.ts";
import { COMMANDS } from "../../src/commands/index.ts";

export const standInPackerPath = path.join(import.meta.dirname, "..", "fixtures", "bin", "packer");

export interface ReportedJob {
  id: string;
  region: string;
  status: string;
  attempts: number;
  amis: Record<string, string>;
  error?: string;
  log: string;
}

export interface StandInRun {
  code: number;
  stdout: string;
  stderr: string;
  amiList: string;
  reportFile: string;
  report: { runId?: string; jobs: ReportedJob[] };
  /** Each stand-in invocation: its pid and arguments. */
  calls: { pid: number; argv: string[] }[];
  state: string;
}

export async function runWithStandIn({
  endpoint,
  scratch,
  scenario = {},
  args = [],
  amiList,
  env = {},
  signals = new EventEmitter(),
  onOutput,
}: {
  /** The ec2-local the stand-in makes its AMIs at. */
  endpoint: string;
  /** A folder for this run's scenario, state and (unless given) AMI list and report. */
  scratch: string;
  scenario?: unknown;
  args?: string[];
  amiList?: string;
  env?: NodeJS.ProcessEnv;
  signals?: EventEmitter;
  /** Everything printed so far (stdout and stderr), each time something is printed. */
  onOutput?: (printed: string) => void;
}): Promise<StandInRun> {
  const dir = await mkdtemp(path.join(scratch, "run-"));
  const state = path.join(dir, "state");
  await mkdir(state);
  const scenarioFile = path.join(dir, "scenario.json");
  await writeFile(scenarioFile, JSON.stringify(scenario));
  const list = amiList ?? path.join(dir, "ami-list");
  const reportFile = path.join(dir, "report.json");
  let stdout = "";
  let stderr = "";
  const code = await runMain({
    rawArgs: [
      "--packer",
      standInPackerPath,
      "--ec2-endpoint",
      endpoint,
      "--ami-list",
      list,
      "--report",
      reportFile,
      "--retry-delay",
      "0.05",
      ...args,
    ],
    commands: COMMANDS,
    env: {
      ...process.env,
      CI: "true",
      FAKE_PACKER_SCENARIO: scenarioFile,
      FAKE_PACKER_STATE: state,
      ...env,
    },
    signals,
    io: {
      stdout: (text) => {
        stdout += text;
        onOutput?.(stdout + stderr);
      },
      stderr: (text) => {
        stderr += text;
        onOutput?.(stdout + stderr);
      },
      interactive: false,
    },
  });
  const report = JSON.parse(
    await readFile(reportFile, "utf8").catch(() => '{"jobs":[]}'),
  ) as StandInRun["report"];
  const calls = (await readFile(path.join(state, "calls.log"), "utf8").catch(() => ""))
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { pid: number; argv: string[] });
  return { code, stdout, stderr, amiList: list, reportFile, report, calls, state };
}

/** The AMI list's cells, relative path → content, without index.json and amis.tf.json. */
export async function cellsOf(amiList: string): Promise<Record<string, string>> {
  const entries = await readdir(amiList, { recursive: true, withFileTypes: true }).catch(() => []);
  const cells: Record<string, string> = {};
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith(".")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const cell = path.relative(amiList, file).split(path.sep).join("/");
    if (cell === "index.json" || cell === "amis.tf.json") continue;
    cells[cell] = await readFile(file, "utf8");
  }
  return cells;
}
