// The sweep command's shell: which folders record results, then either one run's leftovers (--run) or
// everything old enough in the selected regions.
import { stat } from "node:fs/promises";
import path from "node:path";
import type { CommandContext } from "../../cli/command.ts";
import { type FlagValues, listFlag, stringFlag } from "../../cli/flags.ts";
import { UserError } from "../../errors.ts";
import { projectPaths } from "../../project-paths.ts";
import { DEFAULT_OLDER_THAN, parseOlderThan } from "../../sweep/sweep-duration.ts";
import { sweepHeader } from "../../sweep/sweep-format.ts";
import { readSweepInventory } from "../../sweep/sweep-inventory.ts";
import { planSweep, UNTAGGED_FLAG } from "../../sweep/sweep-plan.ts";
import { readRecordedAmis } from "../../sweep/sweep-recorded.ts";
import { pathForDisplay } from "../../text/path-for-display.ts";
import { resolveAwsTarget } from "../account-target.ts";
import { sweepRegions } from "./sweep-regions.ts";
import { sweepRun } from "./sweep-run.ts";

export async function runSweep({ values, cwd, env, io }: CommandContext): Promise<number> {
  const runId = stringFlag(values, "run");
  if (runId !== undefined) refuseWithRun(values);
  const olderThanMs = parseOlderThan(stringFlag(values, "older-than") ?? DEFAULT_OLDER_THAN);
  const dryRun = values["dry-run"] === true;
  const runs = await folder({ values, name: "runs", fallback: projectPaths.runs, cwd });
  const amiList = await folder({
    values,
    name: "ami-list",
    fallback: projectPaths.amiList,
    cwd,
  });
  const write = (lines: string[]) => io.stdout(lines.map((l) => `${l}\n`).join(""));
  const recorded = await readRecordedAmis({
    runsDir: runs.dir,
    amiListDir: amiList.dir,
    ...(runId !== undefined ? { run: runId } : {}),
    display: (file) => pathForDisplay(file, cwd),
  });
  const notes = [
    ...[runs.missing, amiList.missing].filter((m) => m !== undefined).map((m) => `note: ${m}`),
    ...recorded.problems.map((problem) => `note: skipped ${problem}`),
  ];
  if (runId !== undefined) {
    return sweepRun({
      runId,
      runsDir: runs.dir,
      recorded: recorded.ids,
      values,
      cwd,
      env,
      write: (lines) => write([...notes.splice(0), ...lines]),
    });
  }
  const target = await resolveAwsTarget({ values, cwd, env });
  try {
    const now = Date.now();
    write(sweepHeader({ now, olderThanMs, regions: target.regions, dryRun }));
    write(notes);
    return await sweepRegions({
      target,
      dryRun,
      env,
      write,
      retry: "sweep",
      planRegion: async ({ client }) =>
        planSweep({
          now,
          olderThanMs,
          inventory: await readSweepInventory(client, {
            spot: target.jobs.some((job) => job.spot !== undefined),
          }),
          recorded: recorded.ids,
          attempts: recorded.attempts,
          includeUntaggedPackerTemporaries: values[UNTAGGED_FLAG.slice(2)] === true,
        }),
    });
  } finally {
    target.clients.destroy();
  }
}

// --run takes the run's own regions and everything it made, whatever its age.
function refuseWithRun(values: FlagValues): void {
  const clashing = [
    ...(stringFlag(values, "older-than") !== undefined ? ["--older-than"] : []),
    ...(stringFlag(values, "matrix") !== undefined ? ["--matrix"] : []),
    ...(listFlag(values, "only").length > 0 ? ["--only"] : []),
    ...(listFlag(values, "exclude").length > 0 ? ["--exclude"] : []),
    ...(values[UNTAGGED_FLAG.slice(2)] === true ? [UNTAGGED_FLAG] : []),
  ];
  if (clashing.length > 0)
    throw new UserError(
      `--run sweeps what the run's record names, in the run's regions, whatever its age: ${clashing.join(", ")} ${clashing.length === 1 ? "does" : "do"} not go with it.`,
    );
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
