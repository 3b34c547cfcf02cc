// The command users run: `npx tsx build-amis.ts [command] [options]` from any directory.
import { runMain } from "./src/cli/run-main.ts";

// Node 20 is supported: the SDK is pinned to releases that run on it, so its notice about the Node 22
// requirement of future releases is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

process.exitCode = await runMain({ rawArgs: process.argv.slice(2) });
