// When a try does not end: what each of its processes waits on, kept in a folder to read later. The
// process tree with each one's kernel wait channel, its signal masks, a Node diagnostic report from
// each node process (its JS stack and the handles keeping it alive; the loop starts them with
// --report-on-signal), a few seconds of strace, the screen and the run record.
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { execa } from "execa";
import type { RunProcess } from "./run-processes.ts";

export const REPORT_SIGNAL = "SIGUSR2";

export async function dumpHang({
  folder,
  processes,
  screen,
  runRecord,
}: {
  folder: string;
  processes: readonly RunProcess[];
  screen: string;
  runRecord: string | undefined;
}): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "screen.txt"), screen);
  if (runRecord) await copyFile(runRecord, path.join(folder, "attempts.json")).catch(() => {});
  const ps = await execa(
    "ps",
    ["-eo", "pid,ppid,pgid,sid,tpgid,stat,wchan:30,etime,args", "--forest"],
    { reject: false },
  );
  await writeFile(path.join(folder, "ps-forest.txt"), ps.stdout);
  const lines: string[] = [];
  for (const p of processes) {
    lines.push(`== ${p.pid} (ppid ${p.ppid}, pgid ${p.pgid}) ${p.state} ${p.args}`);
    for (const file of ["wchan", "status", "stack"]) {
      const text = await readFile(`/proc/${p.pid}/${file}`, "utf8").catch((e: Error) => e.message);
      const kept =
        file === "status"
          ? text
              .split("\n")
              .filter((l) => /^(State|Sig|Shd|Threads)/.test(l))
              .join("\n")
          : text.trim();
      lines.push(`-- ${file}\n${kept}`);
    }
  }
  await writeFile(path.join(folder, "processes.txt"), `${lines.join("\n")}\n`);
  const nodes = processes.filter((p) => p.comm.startsWith("node") || p.args.startsWith("node"));
  // Each node process writes its report into the folder NODE_OPTIONS names.
  for (const p of nodes) {
    try {
      process.kill(p.pid, REPORT_SIGNAL);
    } catch {
      // gone
    }
  }
  await Promise.all(
    nodes.map((p) =>
      execa(
        "timeout",
        [
          "3",
          "strace",
          "-f",
          "-tt",
          "-p",
          String(p.pid),
          "-o",
          path.join(folder, `strace-${p.pid}.txt`),
        ],
        { reject: false },
      ),
    ),
  );
  await sleep(500);
}
