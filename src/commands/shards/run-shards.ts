// The shards command's shell: select the cells, weigh them by past durations, print the shards.
import path from "node:path";
import type { CommandContext } from "../../cli/command.ts";
import { listFlag, numberFlag, stringFlag } from "../../cli/flags.ts";
import { UserError } from "../../errors.ts";
import { selectCells } from "../../matrix/select-cells.ts";
import { projectPaths } from "../../project-paths.ts";
import type { Shard } from "../../shards/plan-shards.ts";
import { shardsFromHistory } from "../../shards/shards-from-history.ts";
import { alignColumns } from "../../text/align-columns.ts";
import { formatDuration } from "../../text/durations.ts";
import { pathForDisplay } from "../../text/path-for-display.ts";

export async function runShards({ values, cwd, io }: CommandContext): Promise<number> {
  const count = numberFlag(values, "count", { min: 1, max: 256, integer: true });
  if (count === undefined)
    throw new UserError("shards needs --count N: how many runners share the build.");
  const matrix = stringFlag(values, "matrix");
  const file = matrix ? path.resolve(cwd, matrix) : projectPaths.matrix;
  const { jobs } = await selectCells({
    file,
    displayName: pathForDisplay(file, cwd),
    only: listFlag(values, "only"),
    exclude: listFlag(values, "exclude"),
  });
  const shards = await shardsFromHistory({ jobs, count, runsDir: projectPaths.runs });
  io.stdout(`${values.json === true ? shardsJson(shards) : shardsText(shards)}\n`);
  return 0;
}

// What a workflow's `strategy.matrix` takes: one entry per shard with cells to build.
export function shardsJson(shards: readonly Shard[]): string {
  return JSON.stringify({
    include: shards
      .filter((shard) => shard.jobs.length > 0)
      .map((shard) => ({
        shard: `${shard.index}/${shard.count}`,
        regions: shard.regions.join(" "),
        jobs: shard.jobs.length,
      })),
  });
}

function shardsText(shards: readonly Shard[]): string {
  return alignColumns([
    ["SHARD", "JOBS", "EXPECTED WORK", "REGIONS"],
    ...shards.map((shard) => [
      `${shard.index}/${shard.count}`,
      String(shard.jobs.length),
      formatDuration(shard.expectedMs, "age"),
      shard.regions.join(" ") || "(empty)",
    ]),
  ]).join("\n");
}
