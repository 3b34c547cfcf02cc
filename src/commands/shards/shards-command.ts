// `shards`: how the selected cells split over N CI runners, for a workflow's job matrix.
import type { Command } from "../../cli/command.ts";
import { HELP_FLAG, MATRIX_FLAGS } from "../../cli/flags.ts";

export const shardsCommand: Command = {
  name: "shards",
  summary:
    "split the selected cells over N runners (whole regions each); --json for a CI job matrix",
  description: [
    "Splits the selected cells into N shards for N CI runners. A shard holds whole regions, so the",
    "per-region limit holds across runners; with the copy strategy, a build and all its copies stay",
    "together, and so do cells built on another image. Shards are balanced by expected work (the",
    "durations of the last reports in runs/, else an estimate) and are the same for the same plan.",
    "Each runner then builds its part with `build-amis.ts --shard K/N` (with the same --only and",
    "--exclude), and `build-amis.ts merge` puts the parts together.",
    '--json prints a GitHub Actions job matrix: {"include":[{"shard":"1/3","regions":"…","jobs":12}]},',
    "leaving out empty shards.",
  ],
  flags: [
    ...MATRIX_FLAGS,
    { name: "count", type: "string", value: "N", help: "how many shards (runners), 1 to 256" },
    { name: "json", type: "boolean", help: "print the job matrix as JSON" },
    HELP_FLAG,
  ],
  run: async (context) => (await import("./run-shards.ts")).runShards(context),
};
