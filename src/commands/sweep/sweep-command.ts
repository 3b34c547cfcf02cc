// sweep: remove what crashed or killed runs left in the account (instances, Packer's temporary
// security groups and key pairs, unfinished AMIs), once old enough that no run can still use it.
import { stat } from "node:fs/promises";
import path from "node:path";
import { pollDelayMs } from "../../aws/poll-delay.ts";
import type { Command } from "../../cli/command.ts";
import { type FlagValues, HELP_FLAG, stringFlag } from "../../cli/flags.ts";
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
import { AWS_TARGET_FLAGS, forEachRegion, resolveAwsTarget } from "../account-target.ts";

export const DEFAULT_OLDER_THAN = "2h";

export const sweepCommand: Command = {
  name: "sweep",
  summary:
    "remove instances, Packer temporaries and unfinished AMIs that crashed or killed runs left",
  description: [
    "In the regions of the selected cells (--only/--exclude pick the regions; everything ami-matrix left",
    "there is swept, whichever cell it was for), removes what is older than --older-than:",
    "  - instances tagged ami-matrix:tool=ami-matrix in any state but terminated: terminated, then",
    "    their packer_* security groups and packer_* key pairs are deleted (not those another",
    "    instance that stays still uses);",
    "  - AMIs of this account that are pending or failed and are either tagged ami-matrix:tool=ami-matrix",
    "    or named like a run's attempt, `<name>-<run id>-a<N>` with a run id such as 20261122T214731Z-e4c2",
    "    (Packer tags an AMI only once it is available, so that name is how the untagged pending AMI of a",
    "    killed run is recognised), unless a run report (--runs) or the AMI list records them:",
    "    deregistered, then their snapshots deleted. Available AMIs are never swept (see prune).",
    "Packer 1.6.6 does not tag its temporary security groups and key pairs, so one not used by an",
    `ami-matrix instance is not provably ours and stays, unless ${UNTAGGED_FLAG} is given:`,
    "then packer_* groups and key pairs used by no live instance, made (by the time in Packer's name,",
    "or the key's creation time) before the threshold, are deleted too, whoever ran that Packer.",
    "Age: an instance's launch time, an AMI's creation date. --older-than 0 takes everything, including",
    "what a run going on right now uses. Exit 1 when a removal failed.",
  ],
  flags: [
    {
      name: "older-than",
      type: "string",
      value: "DURATION",
      help: `only what is older than this: 30m, 2h, 1d, or 0 for everything (default: ${DEFAULT_OLDER_THAN})`,
    },
    {
      name: "runs",
      type: "string",
      value: "DIR",
      help: "run folders whose report.json AMIs are never swept (default: runs/ in the project)",
    },
    {
      name: "ami-list",
      type: "string",
      value: "DIR",
      help: "AMI list whose AMIs are never swept (default: ami-list/ in the project)",
    },
    {
      name: UNTAGGED_FLAG.slice(2),
      type: "boolean",
      help: "also delete packer_* security groups and key pairs no instance uses (see above)",
    },
    ...AWS_TARGET_FLAGS,
    HELP_FLAG,
  ],
  async run({ values, cwd, env, io }) {
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
      for (const missing of [runs.missing, amiList.missing])
        if (missing) write([`note: ${missing}`]);
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
  },
};

const FOLDER_HELP: Record<string, string> = {
  runs: "the one that holds the run folders, runs/ in the project by default",
  "ami-list": "the AMI list folder, ami-list/ in the project by default",
};

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
