// prune's shell: read the AMI list and each region's AMIs, plan per cell, then deregister and delete.
import { stat } from "node:fs/promises";
import path from "node:path";
import { scanCells } from "../../ami-list/scan-cells.ts";
import type { CommandContext } from "../../cli/command.ts";
import { type FlagValues, numberFlag, stringFlag } from "../../cli/flags.ts";
import { UserError } from "../../errors.ts";
import { projectPaths } from "../../project-paths.ts";
import { applyPruneCell } from "../../prune/prune-apply.ts";
import { type PruneCell, planPruneCells } from "../../prune/prune-cells.ts";
import { pruneCellLines, pruneHeader, pruneSummary } from "../../prune/prune-format.ts";
import { readPruneInventory } from "../../prune/prune-inventory.ts";
import { DEFAULT_KEEP } from "../../prune/prune-plan.ts";
import { createActionLog, describeFailure } from "../../removal/action-log.ts";
import { failureLines, outcomeLines } from "../../removal/removal-text.ts";
import { pathForDisplay } from "../../text/path-for-display.ts";
import { forEachRegion, resolveAwsTarget } from "../account-target.ts";

export async function runPrune({ values, cwd, env, io }: CommandContext): Promise<number> {
  const keep = numberFlag(values, "keep", { min: 1, max: 1000, integer: true }) ?? DEFAULT_KEEP;
  const dryRun = values["dry-run"] === true;
  const target = await resolveAwsTarget({ values, cwd, env });
  try {
    const amiListDir = await amiListFolder(values, cwd);
    const amiList = await scanCells(amiListDir);
    const write = (lines: string[]) => io.stdout(lines.map((l) => `${l}\n`).join(""));
    write(pruneHeader({ keep, amiList: pathForDisplay(amiListDir, cwd), dryRun }));
    const log = createActionLog();
    const cells: PruneCell[] = [];
    const failures = await forEachRegion({
      target,
      write,
      what: "the AMIs and snapshots",
      read: ({ client }) => readPruneInventory(client),
      act: async ({ region, client, found }) => {
        const regionFailures: string[] = [];
        const regionCells = planPruneCells({
          jobs: target.jobs.filter((j) => j.region === region),
          ...found,
          amiList,
          keep,
        });
        for (const cell of regionCells) {
          write(pruneCellLines(cell));
          cells.push(cell);
          if (dryRun) continue;
          const before = log.outcomes.length;
          await applyPruneCell({ client, cell, log });
          const outcomes = log.outcomes.slice(before);
          write(outcomeLines(outcomes, "    "));
          for (const o of outcomes.filter((o) => o.error !== undefined))
            regionFailures.push(`${region} ${cell.job.id}: ${describeFailure(o)}`);
        }
        return regionFailures;
      },
    });
    write(["", pruneSummary({ cells, outcomes: log.outcomes, dryRun })]);
    write(failureLines({ failures, retry: "Run prune again to retry them." }));
    return failures.length > 0 ? 1 : 0;
  } finally {
    target.clients.destroy();
  }
}

// A wrong folder would make prune think no cell lists an AMI, and remove the ones in use.
async function amiListFolder(values: FlagValues, cwd: string): Promise<string> {
  const given = stringFlag(values, "ami-list");
  const dir = given ? path.resolve(cwd, given) : projectPaths.amiList;
  const found = await stat(dir).catch(() => undefined);
  if (!found?.isDirectory()) {
    throw new UserError(
      `AMI list folder ${pathForDisplay(dir, cwd)} does not exist; prune needs it to know which AMIs are in use. Give the right one with --ami-list.`,
    );
  }
  return dir;
}
