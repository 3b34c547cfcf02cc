// The command users run: `npx tsx build-amis.ts [command] [options]` from any directory.
import { runMain } from "./src/cli/run-main.ts";

process.exitCode = await runMain({ rawArgs: process.argv.slice(2) });
