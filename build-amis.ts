// The command users run: `npx tsx build-amis.ts [command] [options]` from any directory. This process
// supervises and a worker does the work, so no launcher can kill the run while Packer cleans up
// (src/cli/launch.ts).
import { fileURLToPath } from "node:url";
import { launch } from "./src/cli/launch.ts";
import { applyProcessSettings } from "./src/cli/process-settings.ts";

process.exitCode = await launch({
  entry: fileURLToPath(import.meta.url),
  rawArgs: process.argv.slice(2),
  run: async ({ rawArgs, signals }) => {
    applyProcessSettings();
    const { runMain } = await import("./src/cli/run-main.ts");
    const { COMMANDS } = await import("./src/commands/index.ts");
    return runMain({ rawArgs, commands: COMMANDS, signals });
  },
});
