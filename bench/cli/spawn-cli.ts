// Runs `build-amis.ts` as its own process, as a user does, either piped or in a real terminal (a pty
// made by util-linux `script`, sized with stty), and measures it from outside: wall time, when its
// first byte of output came, when its first `packer build` started, the bytes it wrote, and (from the
// probe loaded into it) its own CPU time.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { projectPaths } from "../../src/project-paths.ts";
import { shellQuote } from "../../src/text/shell-quote.ts";

const PROJECT_DIR = fileURLToPath(new URL("../..", import.meta.url));
const PROBE = fileURLToPath(new URL("cpu-probe.ts", import.meta.url));
export const PACKER_STAMP = fileURLToPath(new URL("packer-stamp", import.meta.url));
const RUN_ID = /^\d{8}T\d{6}Z-[0-9a-f]+$/;

export interface CliRun {
  exitCode: number | null;
  wallMs: number;
  /** Spawn → the first byte on stdout (on the terminal, in a pty). */
  firstOutputMs?: number;
  /** Spawn → the first `packer build`, when `--packer` was the stamping wrapper. */
  firstBuildMs?: number;
  /** The CLI process's own CPU time (user + system), its children not counted. */
  cpuMs: number;
  /** The CLI process's life, from its start to its exit: the tool's own time. */
  uptimeMs: number;
  bytes: number;
  /** What it wrote to stdout (on a terminal: everything it wrote). */
  output: string;
  stderr: string;
}

export interface Terminal {
  columns: number;
  rows: number;
}

export async function spawnCli({
  args,
  terminal,
  env = {},
  stampBuilds = false,
}: {
  args: readonly string[];
  /** Run in a pty of this size; else stdout is a pipe. */
  terminal?: Terminal;
  env?: NodeJS.ProcessEnv;
  /** Run Packer through the wrapper that notes when each command starts. */
  stampBuilds?: boolean;
}): Promise<CliRun> {
  const scratch = await mkdtemp(path.join(tmpdir(), "ami-matrix-bench-"));
  const probe = path.join(scratch, "probe.json");
  const stamps = path.join(scratch, "stamps");
  const runsBefore = await runFolders();
  try {
    const argv = [
      process.execPath,
      "--import",
      "tsx",
      "--import",
      PROBE,
      "build-amis.ts",
      ...(stampBuilds ? ["--packer", PACKER_STAMP] : []),
      ...args,
    ];
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...env,
      AMI_MATRIX_BENCH_PROBE: probe,
      AMI_MATRIX_BENCH_STAMPS: stamps,
      AMI_MATRIX_BENCH_PACKER: env.PACKER ?? "packer",
    };
    // A terminal run must look like a person's terminal, not CI.
    if (terminal) {
      delete childEnv.CI;
      childEnv.TERM = "xterm-256color";
    }
    const [command, ...rest] = terminal
      ? [
          "script",
          "-qefc",
          `stty rows ${terminal.rows} cols ${terminal.columns} && exec ${argv.map(shellQuote).join(" ")}`,
          "/dev/null",
        ]
      : argv;
    const startedAt = Date.now();
    const child = spawn(command as string, rest, {
      cwd: PROJECT_DIR,
      env: childEnv,
      stdio: ["ignore", "pipe", terminal ? "inherit" : "pipe"],
    });
    let output = "";
    let bytes = 0;
    let firstOutputAt: number | undefined;
    child.stdout?.on("data", (chunk: Buffer) => {
      firstOutputAt ??= Date.now();
      bytes += chunk.length;
      output += chunk.toString();
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (code) => resolve(code));
    });
    const wallMs = Date.now() - startedAt;
    const measured = JSON.parse(await readFile(probe, "utf8").catch(() => "{}")) as {
      cpuMs?: number;
      uptimeMs?: number;
    };
    const firstBuildAt = await firstBuild(stamps);
    return {
      exitCode,
      wallMs,
      ...(firstOutputAt === undefined ? {} : { firstOutputMs: firstOutputAt - startedAt }),
      ...(firstBuildAt === undefined ? {} : { firstBuildMs: firstBuildAt - startedAt }),
      cpuMs: measured.cpuMs ?? Number.NaN,
      uptimeMs: measured.uptimeMs ?? Number.NaN,
      bytes,
      output,
      stderr,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await removeNewRunFolders(runsBefore);
  }
}

async function firstBuild(stamps: string): Promise<number | undefined> {
  const lines = (await readFile(stamps, "utf8").catch(() => "")).split("\n");
  const build = lines.find((line) => line.endsWith(" build"));
  return build ? Number(BigInt(build.split(" ")[0] ?? "0") / 1_000_000n) : undefined;
}

async function runFolders(): Promise<Set<string>> {
  return new Set(await readdir(projectPaths.runs).catch(() => []));
}

// The runs the bench made are its own: only folders named like a run id that were not there before go.
async function removeNewRunFolders(before: Set<string>): Promise<void> {
  for (const name of await runFolders()) {
    if (!before.has(name) && RUN_ID.test(name))
      await rm(path.join(projectPaths.runs, name), { recursive: true, force: true });
  }
}
