// sweep's shell: read what runs recorded, list each region, plan what goes, then remove it.
import { stat } from "node:fs/promises";
import path from "node:path";
import { pollDelayMs } from "../../aws/poll-delay.ts";
import type { CommandContext } from "../../cli/command.ts";
import { type FlagValues, stringFlag } from "../../cli/flags.ts";
import { UserError } from "../../errors.ts";
import { projectPaths } from "../../project-paths.ts";
import { createActionLog, describeFailure } from "../../removal/action-log.ts";
import { failureLines, outcomeLines } from "../../removal/removal-text.ts";
import { applySweep } from "../../sweep/sweep-apply.ts";
import { parseOlderThan } from "../../sweep/sweep-duration.ts";
import {
  sweepHeader,
  sweepPlanLines,
  sweepRetryAdvice,
  sweepSummary,
} from "../../sweep/sweep-format.ts";
import { readSweepInventory } from "../../sweep/sweep-inventory.ts";
import { planSweep, type SweepPlan, UNTAGGED_FLAG } from "../../sweep/sweep-plan.ts";
import { readRecordedAmis } from "../../sweep/sweep-recorded.ts";
import { pathForDisplay } from "../../text/path-for-display.ts";
import { forEachRegion, resolveAwsTarget } from "../account-target.ts";
import { DEFAULT_OLDER_THAN } from "./sweep-command.ts";

export async function runSweep({ values, cwd, env, io }: CommandContext): Promise<number> {
  const olderThanMs = parseOlderThan(stringFlag(values, "older-than") ?? DEFAULT_OLDER_THAN);
  const dryRun = values["dry-run"] === true;
  const includeUntaggedPackerTemporaries = values[UNTAGGED_FLAG.slice(2)] === true;
  const runs = await folder({ values, name: "runs", fallback: projectPaths.runs, cwd });
  const amiList = await folder({
    values,
    name: "ami-list",
    fallback: projectPaths.amiList,
    cwd,
  });
  const target = await resolveAwsTarget({ values, cwd, env });
  const write = (lines: string[]) => io.stdout(lines.map((l) => `${l}\n`).join(""));
  try {
    const recorded = await readRecordedAmis({
      runsDir: runs.dir,
      amiListDir: amiList.dir,
      display: (file) => pathForDisplay(file, cwd),
    });
    const now = Date.now();
    write(sweepHeader({ now, olderThanMs, regions: target.regions, dryRun }));
    for (const missing of [runs.missing, amiList.missing]) if (missing) write([`note: ${missing}`]);
    for (const problem of recorded.problems) write([`note: skipped ${problem}`]);
    const log = createActionLog();
    const plans: SweepPlan[] = [];
    const failures = await forEachRegion({
      target,
      write,
      what: "what is there",
      read: async ({ client }) =>
        planSweep({
          now,
          olderThanMs,
          inventory: await readSweepInventory(client),
          recorded: recorded.ids,
          includeUntaggedPackerTemporaries,
        }),
      act: async ({ region, client, found: plan }) => {
        write(sweepPlanLines(plan));
        plans.push(plan);
        if (dryRun) return [];
        const before = log.outcomes.length;
        await applySweep({ client, plan, pollDelayMs: pollDelayMs(env), log });
        const outcomes = log.outcomes.slice(before);
        write(outcomeLines(outcomes, "  "));
        return outcomes
          .filter((o) => o.error !== undefined)
          .map((o) => `${region}: ${describeFailure(o)}`);
      },
    });
    write(["", sweepSummary({ plans, outcomes: log.outcomes, dryRun })]);
    const failed = log.outcomes.filter((o) => o.error !== undefined);
    const advice = sweepRetryAdvice(failed);
    write(failureLines({ failures, retry: advice.join("\n") || "Run sweep again to retry." }));
    return failures.length > 0 ? 1 : 0;
  } finally {
    target.clients.destroy();
  }
}

// A folder the user names but that is not there protects nothing: say so rather than fail, since
// a crashed first run may never have written it.
async function folder({
  values,
  name,
  fallback,
  cwd,
}: {
  values: FlagValues;
  name: string;
  fallback: string;
  cwd: string;
}): Promise<{ dir: string; missing?: string }> {
  const given = stringFlag(values, name);
  if (!given) return { dir: fallback };
  const dir = path.resolve(cwd, given);
  const found = await stat(dir).catch(() => undefined);
  if (found?.isDirectory()) return { dir };
  if (found)
    throw new UserError(`--${name} ${given} is a file; give a folder (${FOLDER_HELP[name]})`);
  return { dir, missing: `--${name} ${given} does not exist, so it records no AMI` };
}

const FOLDER_HELP: Record<string, string> = {
  runs: "the one that holds the run folders, runs/ in the project by default",
  "ami-list": "the AMI list folder, ami-list/ in the project by default",
};
