// A parent that dies while a build runs: starts Packer through runPacker, prints its pid at the first
// step, then exits without waiting, as a crashed CLI would. Usage: <packer> <dir> <template>
import { join } from "node:path";
import { runPacker } from "../../../src/packer/run-packer.ts";

const [packerPath = "", dir = "", template = ""] = process.argv.slice(2);
const run = runPacker({
  packerPath,
  args: ["build", "-machine-readable", "-color=false", template],
  cwd: dir,
  logFile: join(dir, "crash.log"),
  onEvent: (event) => {
    if (event.kind !== "step") return;
    process.stdout.write(`${run.pid}\n`);
    process.exit(3);
  },
});
