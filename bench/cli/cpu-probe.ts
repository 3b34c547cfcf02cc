// Loaded with `--import` into the CLI's process by the CLI bench: at exit it writes the process's own
// CPU time (not its children's: Packer's work is the same in every run) and how long it lived.
import { writeFileSync } from "node:fs";

const file = process.env.AMI_MATRIX_BENCH_PROBE;
if (file) {
  process.on("exit", () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(
      file,
      JSON.stringify({ cpuMs: (user + system) / 1000, uptimeMs: process.uptime() * 1000 }),
    );
  });
}
