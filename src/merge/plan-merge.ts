// Pure: a three-way merge of shards' AMI lists into a target. Shards start from a copy of the target, so
// the target is the common base: a source's cell that equals the target's is no claim, one that differs
// is a change. Two sources changing one cell to different AMIs is a conflict, and one conflict stops the
// whole merge before anything is written.
import type { CellBuild, CellBuilds } from "../ami-list/cell-builds.ts";
import { compareCodeUnits } from "../ami-list/index-format.ts";
import type { MergeSource } from "./merge-source.ts";

export interface CellChange {
  file: string;
  ami: string;
  /** What the target holds now, if it holds a readable cell there. */
  before?: string;
  /** The sources that make this change (more than one when they agree). */
  sources: string[];
  build?: CellBuild;
}

export interface CellConflict {
  file: string;
  before?: string;
  claims: { source: string; ami: string }[];
}

export interface SourceTally {
  name: string;
  kind: MergeSource["kind"];
  /** Cells the source holds. */
  cells: number;
  /** Of them, cells whose AMI differs from the target's. */
  changed: number;
  /** Of them, cells the target already holds as they are. */
  unchanged: number;
}

export interface MergePlan {
  changes: CellChange[];
  conflicts: CellConflict[];
  tallies: SourceTally[];
  /** Cells some source holds exactly as the target does, and none changes. */
  unchanged: string[];
}

export function planMerge({
  target,
  sources,
}: {
  /** Cell path → AMI id of the target now. */
  target: Readonly<Record<string, string>>;
  sources: readonly MergeSource[];
}): MergePlan {
  const claims = new Map<string, { source: MergeSource; ami: string }[]>();
  const tallies = sources.map((source): SourceTally => {
    const entries = Object.entries(source.cells);
    const changed = entries.filter(([file, ami]) => target[file] !== ami);
    for (const [file, ami] of changed)
      claims.set(file, [...(claims.get(file) ?? []), { source, ami }]);
    return {
      name: source.name,
      kind: source.kind,
      cells: entries.length,
      changed: changed.length,
      unchanged: entries.length - changed.length,
    };
  });
  const changes: CellChange[] = [];
  const conflicts: CellConflict[] = [];
  for (const file of [...claims.keys()].sort(compareCodeUnits)) {
    const found = claims.get(file) ?? [];
    const before = target[file];
    const amis = new Set(found.map(({ ami }) => ami));
    if (amis.size > 1) {
      conflicts.push({
        file,
        ...(before !== undefined && { before }),
        claims: found.map(({ source, ami }) => ({ source: source.name, ami })),
      });
      continue;
    }
    const ami = found[0]?.ami as string;
    const build = buildFor(
      file,
      ami,
      found.map(({ source }) => source.builds),
    );
    changes.push({
      file,
      ami,
      ...(before !== undefined && { before }),
      sources: found.map(({ source }) => source.name),
      ...(build && { build }),
    });
  }
  const same = sources.flatMap((s) => Object.keys(s.cells).filter((f) => target[f] === s.cells[f]));
  const unchanged = [...new Set(same)].filter((file) => !claims.has(file)).sort(compareCodeUnits);
  return { changes, conflicts, tallies, unchanged };
}

// The facts of the first source that knows how this very AMI was built.
function buildFor(file: string, ami: string, builds: readonly CellBuilds[]): CellBuild | undefined {
  return builds.map((b) => b[file]).find((build) => build?.ami === ami);
}
