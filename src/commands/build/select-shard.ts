// `--shard K/N`: of the selected cells (with the cells they need), only those of shard K, cut as
// `shards --count N` cuts them. Each of N runners given the same selection builds a disjoint part.
import { UserError } from "../../errors.ts";
import type { Selection } from "../../matrix/select-cells.ts";
import { projectPaths } from "../../project-paths.ts";
import { parseShard } from "../../shards/plan-shards.ts";
import { shardsFromHistory } from "../../shards/shards-from-history.ts";

export interface ShardChoice {
  index: number;
  count: number;
  /** How many cells the selection held before it was cut. */
  of: number;
}

export async function selectShard(
  selection: Selection,
  text: string,
): Promise<{ selection: Selection; shard: ShardChoice }> {
  const parsed = parseShard(text);
  if (!parsed) {
    throw new UserError(
      `--shard ${text}: expected K/N, shard K of N shards, with 1 ≤ K ≤ N ≤ 256 (for example --shard 2/3).`,
    );
  }
  const shards = await shardsFromHistory({
    jobs: selection.jobs,
    count: parsed.count,
    runsDir: projectPaths.runs,
  });
  const ids = new Set(shards[parsed.index - 1]?.jobs);
  return {
    selection: {
      ...selection,
      jobs: selection.jobs.filter((job) => ids.has(job.id)),
      selected: selection.selected.filter((job) => ids.has(job.id)),
      added: new Map([...selection.added].filter(([id]) => ids.has(id))),
    },
    shard: { ...parsed, of: selection.jobs.length },
  };
}

/** How the planning line and the dry run name the shard: `shard 2/3 of 32 jobs`. */
export function shardText(shard: ShardChoice): string {
  return `shard ${shard.index}/${shard.count} of ${shard.of} jobs`;
}
