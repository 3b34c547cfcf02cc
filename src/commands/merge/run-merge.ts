// merge's shell: read every source (all problems at once), take the target's lock, plan the merge
// against the target's cells, then write the cells and the summed report, or nothing at all.
import path from "node:path";
import { scanCells } from "../../ami-list/scan-cells.ts";
import { takeAmiList } from "../../ami-list/take-ami-list.ts";
import type { CommandContext } from "../../cli/command.ts";
import { stringFlag } from "../../cli/flags.ts";
import { errorMessage, ProblemsError, UserError } from "../../errors.ts";
import { writeFileAtomic } from "../../fs/write-file-atomic.ts";
import { applyMerge } from "../../merge/apply-merge.ts";
import { conflictError, mergeLines } from "../../merge/format-merge.ts";
import { loadSource } from "../../merge/load-source.ts";
import type { MergeSource } from "../../merge/merge-source.ts";
import { planMerge } from "../../merge/plan-merge.ts";
import { type MergedReport, sumReports } from "../../merge/sum-reports.ts";
import { newRunId } from "../../model/run-id.ts";
import { projectPaths } from "../../project-paths.ts";
import { pathForDisplay } from "../../text/path-for-display.ts";
import { plural } from "../../text/plural.ts";

export async function runMerge({
  values,
  positionals,
  cwd,
  io,
  signals,
}: CommandContext): Promise<number> {
  if (positionals.length === 0)
    throw new UserError(
      "merge needs at least one SOURCE: an AMI list folder, a run folder or a report file.",
    );
  const dryRun = values["dry-run"] === true;
  const listFlag = stringFlag(values, "ami-list");
  const dir = listFlag ? path.resolve(cwd, listFlag) : projectPaths.amiList;
  const reportFlag = stringFlag(values, "report");
  const display = (file: string) => pathForDisplay(file, cwd);
  const target = `${display(dir)}/`;
  const sources = await loadSources(positionals, { cwd, needReports: reportFlag !== undefined });
  const mergeId = newRunId();
  const lock = dryRun
    ? undefined
    : await takeAmiList({
        dir,
        runId: mergeId,
        wait: values["wait-for-lock"] === true,
        signals,
        notice: (line) => io.stderr(`${line}\n`),
        display,
      });
  if (lock && !lock.held)
    throw new UserError(`Cannot merge into ${target}: that folder cannot be made or written.`);
  try {
    const plan = planMerge({ target: (await scanCells(dir)).cells, sources });
    if (plan.conflicts.length > 0) throw conflictError({ conflicts: plan.conflicts, target });
    const failures = dryRun
      ? []
      : await applyMerge({ dir, changes: plan.changes, target, display });
    const lines = mergeLines({ plan, target, dryRun });
    if (reportFlag !== undefined) {
      const report = sumReports({ runId: mergeId, parts: sources.flatMap((s) => s.report ?? []) });
      const file = path.resolve(cwd, reportFlag);
      const summed = `${display(file)} (${tally(report)})`;
      if (dryRun) lines.push(`Would write the report: ${summed}`);
      else {
        try {
          await writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
          lines.push(`Report: ${summed}`);
        } catch (error) {
          failures.push(`the report ${display(file)}: ${errorMessage(error)}`);
        }
      }
    }
    io.stdout(lines.map((line) => `${line}\n`).join(""));
    if (failures.length === 0) return 0;
    io.stderr(
      `error: ${plural(failures.length, "file")} of the merge could not be written (the rest was):\n${failures.map((f) => `  - ${f}\n`).join("")}`,
    );
    return 1;
  } finally {
    await lock?.release();
  }
}

async function loadSources(
  given: readonly string[],
  { cwd, needReports }: { cwd: string; needReports: boolean },
): Promise<MergeSource[]> {
  const loaded = await Promise.all(
    given.map((name) => loadSource({ file: path.resolve(cwd, name), name })),
  );
  const problems = loaded.flatMap((source) => {
    if ("problem" in source) return [source.problem];
    if (needReports && !source.report)
      return [
        `${source.name} has no run report to sum for --report: give its run folder or report file, or leave out --report`,
      ];
    return [];
  });
  if (problems.length > 0)
    throw new ProblemsError({
      problems,
      headline: (count) => `Cannot merge: ${count} with the sources; nothing was written`,
    });
  return loaded as MergeSource[];
}

// e.g. `32 jobs: 30 succeeded, 2 failed`
function tally(report: MergedReport): string {
  const counts = Object.entries(report.summary).filter(([, n]) => n > 0);
  return [plural(report.jobs.length, "job"), counts.map(([s, n]) => `${n} ${s}`).join(", ")]
    .filter(Boolean)
    .join(": ");
}
