// `npx tsx bench/signals/main.ts`: issue 8's first "Done when", tried over and over. In a real terminal
// (tmux), through each launcher, 8 real Packer builds run against ec2-local on its own (AMIs stay
// pending); then one Ctrl-C, two, a closed terminal, or SIGINT or SIGTERM to the launcher's process
// alone. Each try must end with exit 130 (a closed terminal has no shell left to say), the report
// written with every job interrupted, no process of the run left, and nothing left in the endpoint.
// Not a test: it takes about an hour for 10 tries of every case. A try that hangs is looked into.
import { execSync } from "node:child_process";
import { appendFile, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  LAUNCHERS,
  type Launcher,
  oneTry,
  PHASES,
  type Phase,
  SIGNALS,
  type SignalCase,
  type TryResult,
} from "./one-try.ts";
import { resultsTable, tryLine } from "./results-table.ts";

const PROJECT_DIR = fileURLToPath(new URL("../..", import.meta.url));

const HELP = `Usage: npx tsx bench/signals/main.ts [--tries 10] [--launchers ${Object.keys(LAUNCHERS).join(",")}]
       [--signals ${SIGNALS.join(",")}] [--phase ${PHASES.join("|")}] [--hang-seconds 120] [--slow-seconds 10] [--trace-launcher] [--out DIR]
The signal comes once the run record shows 8 running attempts: just started, or (ami, the default)
each waiting for its AMI.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      tries: { type: "string", default: "10" },
      launchers: { type: "string", default: Object.keys(LAUNCHERS).join(",") },
      signals: { type: "string", default: SIGNALS.join(",") },
      phase: { type: "string", default: "ami" },
      "hang-seconds": { type: "string", default: "120" },
      "slow-seconds": { type: "string", default: "10" },
      "trace-launcher": { type: "boolean", default: false },
      out: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const launchers = values.launchers.split(",") as Launcher[];
  const signals = values.signals.split(",") as SignalCase[];
  const unknown = [
    ...launchers.filter((l) => !(l in LAUNCHERS)),
    ...signals.filter((s) => !SIGNALS.includes(s)),
    ...(PHASES.includes(values.phase as Phase) ? [] : [values.phase]),
  ];
  if (unknown.length > 0) {
    console.error(`unknown: ${unknown.join(", ")}\n${HELP}`);
    return 2;
  }
  const out = values.out ?? (await mkdtemp(path.join(tmpdir(), "ami-matrix-signals-loop-")));
  await mkdir(out, { recursive: true });
  const copy = await copyProject();
  console.log(`results in ${out}; project copy in ${copy}`);
  const results: TryResult[] = [];
  // Ctrl-C ends the loop after the try under way, which cleans up after itself.
  let stopping = false;
  const stop = () => {
    stopping = true;
    console.log("stopping after this try");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    // Round robin, so the machine's load falls on every case alike.
    for (let index = 1; index <= Number(values.tries) && !stopping; index++) {
      for (const launcher of launchers) {
        for (const signal of signals) {
          if (stopping) break;
          const folder = path.join(out, `${launcher}-${signal}-${index}`);
          const result = await oneTry({
            copy,
            launcher,
            signal,
            index,
            phase: values.phase as Phase,
            folder,
            hangMs: Number(values["hang-seconds"]) * 1000,
            slowMs: Number(values["slow-seconds"]) * 1000,
            traceLauncher: values["trace-launcher"],
          });
          results.push(result);
          await appendFile(path.join(out, "results.jsonl"), `${JSON.stringify(result)}\n`);
          console.log(tryLine(result));
          if (result.ok && !result.slow) await rm(folder, { recursive: true, force: true });
        }
      }
    }
  } finally {
    console.log(`\n${resultsTable(results)}`);
    await rm(copy, { recursive: true, force: true });
  }
  return results.every((r) => r.ok) ? 0 : 1;
}

// The project as committed or edited, without its runs and dependencies (linked), so the tries' run
// folders stay out of the checkout and every process of a try is found by its working folder.
async function copyProject(): Promise<string> {
  const copy = await mkdtemp(path.join(tmpdir(), "ami-matrix-signals-project-"));
  execSync(
    `tar -C ${PROJECT_DIR} --exclude=./node_modules --exclude=./runs --exclude=./.git -cf - . | tar -C ${copy} -xf -`,
  );
  await symlink(path.join(PROJECT_DIR, "node_modules"), path.join(copy, "node_modules"));
  return copy;
}

process.exitCode = await main();
