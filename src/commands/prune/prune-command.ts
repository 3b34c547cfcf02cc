// prune: per cell, deregister the AMIs ami-matrix built beyond the newest few (never the one in the
// AMI list, never a pending one) and delete their snapshots.
import { stat } from "node:fs/promises";
import path from "node:path";
import { scanCells } from "../../ami-list/scan-cells.ts";
import type { Command } from "../../cli/command.ts";
import { type FlagValues, HELP_FLAG, numberFlag, stringFlag } from "../../cli/flags.ts";
import { UserError } from "../../errors.ts";
import { projectPaths } from "../../project-paths.ts";
import { applyPruneCell } from "../../prune/prune-apply.ts";
import { type PruneCell, planPruneCells } from "../../prune/prune-cells.ts";
import { pruneCellLines, pruneHeader, pruneSummary } from "../../prune/prune-format.ts";
import { readPruneInventory } from "../../prune/prune-inventory.ts";
import { createActionLog, describeFailure } from "../../removal/action-log.ts";
import { failureLines, outcomeLines } from "../../removal/removal-text.ts";
import { pathForDisplay } from "../../text/path-for-display.ts";
import { AWS_TARGET_FLAGS, forEachRegion, resolveAwsTarget } from "../account-target.ts";

export const DEFAULT_KEEP = 3;

export const pruneCommand: Command = {
  name: "prune",
  summary: "deregister old AMIs of each cell and delete their snapshots, keeping the newest few",
  description: [
    "For each cell of the matrix, in the cell's region, looks at the AMIs ami-matrix built for it:",
    "owned by this account and tagged ami-matrix:tool=ami-matrix and ami-matrix:job=<cell>.",
    `Keeps the newest --keep available ones (by creation date) and, always, the one the cell's file in`,
    "the AMI list names, even when it is older. Deregisters the others, failed ones included, and",
    "deletes their snapshots once the AMI is gone; also deletes snapshots tagged for the cell whose AMI",
    "is already deregistered (left by an earlier prune that could not delete them).",
    "Never touches a pending AMI (a build may be running) nor one without ami-matrix's tags.",
    "A cell whose AMI list file cannot be read is skipped. --dry-run prints the same table and changes nothing.",
    "Exit 1 when a removal failed; running prune again retries it.",
  ],
  flags: [
    {
      name: "keep",
      type: "string",
      value: "N",
      help: `how many of the newest AMIs of each cell stay (default: ${DEFAULT_KEEP})`,
    },
    {
      name: "ami-list",
      type: "string",
      value: "DIR",
      help: "AMI list folder whose AMIs always stay (default: ami-list/ in the project)",
    },
    ...AWS_TARGET_FLAGS,
    HELP_FLAG,
  ],
  async run({ values, cwd, env, io }) {
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
  },
};

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
