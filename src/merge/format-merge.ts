// Pure: what merge prints: a table of the sources, the cells that change, one line of totals; and the
// one message that names every conflict when the sources disagree.
import { UserError } from "../errors.ts";
import { alignColumns } from "../text/align-columns.ts";
import { plural } from "../text/plural.ts";
import type { CellConflict, MergePlan } from "./plan-merge.ts";

export function mergeLines({
  plan,
  target,
  dryRun,
}: {
  plan: MergePlan;
  /** The target as shown to the user. */
  target: string;
  dryRun: boolean;
}): string[] {
  const table = alignColumns(
    [
      ["SOURCE", "KIND", "CELLS", "CHANGED", "UNCHANGED"],
      ...plan.tallies.map((t) => [
        t.name,
        t.kind,
        String(t.cells),
        String(t.changed),
        String(t.unchanged),
      ]),
    ],
    { rightAligned: [2, 3, 4] },
  );
  const changes = alignColumns(
    plan.changes.map((change) => [
      `  ${change.file}`,
      `${change.before ?? "(new)"} -> ${change.ami}`,
      `from ${change.sources.join(", ")}`,
    ]),
  );
  const cells = plural(plan.changes.length, "cell");
  const totals = `${plan.unchanged.length} unchanged, no conflicts`;
  const verdict = dryRun
    ? `Would change ${cells} in ${target} (${totals}); nothing was written (--dry-run).`
    : plan.changes.length > 0
      ? `Changed ${cells} in ${target}, with its index.json and amis.tf.json (${totals}).`
      : `Nothing to change in ${target} (${totals}).`;
  return [...table, ...(changes.length > 0 ? ["", ...changes] : []), "", verdict];
}

// One message for all the conflicts, each naming its cell, every source's AMI and the target's.
export function conflictError({
  conflicts,
  target,
}: {
  conflicts: readonly CellConflict[];
  target: string;
}): UserError {
  const lines = conflicts.map(({ file, before, claims }) => {
    const says = claims.map(({ source, ami }) => `${source} has ${ami}`).join(", ");
    return `  - ${file}: ${says} (${target} has ${before ?? "no such cell"})`;
  });
  return new UserError(
    [
      `Cannot merge: the sources change ${plural(conflicts.length, "cell")} to different AMIs, so nothing was written to ${target}:`,
      ...lines,
      "Leave out the source that is wrong (or fix its cell) and merge again.",
    ].join("\n"),
  );
}
