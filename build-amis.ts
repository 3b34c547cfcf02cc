// The command users run: `npx tsx build-amis.ts [command] [options]` from any directory.
import { applyProcessSettings } from "./src/cli/process-settings.ts";

applyProcessSettings();
const { runMain } = await import("./src/cli/run-main.ts");
const { COMMANDS } = await import("./src/commands/index.ts");
process.exitCode = await runMain({ rawArgs: process.argv.slice(2), commands: COMMANDS });
