// sweep: remove what crashed or killed runs left in the account (instances, Packer's temporary
// security groups and key pairs, AMIs nobody records), once old enough that no run can still use it;
// or, with --run, exactly what one run's record names, whatever its age.
import { stat } from "node:fs/promises";
import path from "node:path";
import type { Command } from "../../cli/command.ts";
import { type FlagValues, HELP_FLAG, listFlag, stringFlag } from "../../cli/flags.ts";
import { UserError } from "../../errors.ts";
import { projectPaths } from "../../project-paths.ts";
import { RUN_RECORD_FILE } from "../../run-record/run-record.ts";
import { parseOlderThan } from "../../sweep/sweep-duration.ts";
import { sweepHeader } from "../../sweep/sweep-format.ts";
import { readSweepInventory } from "../../sweep/sweep-inventory.ts";
import { planSweep, UNTAGGED_FLAG } from "../../sweep/sweep-plan.ts";
import { readRecordedAmis } from "../../sweep/sweep-recorded.ts";
import { pathForDisplay } from "../../text/path-for-display.ts";
import { AWS_TARGET_FLAGS, resolveAwsTarget } from "../account-target.ts";
import { SWEEP_DESCRIPTION } from "./sweep-description.ts";
import { sweepRegions } from "./sweep-regions.ts";
import { sweepRun } from "./sweep-run.ts";

export const DEFAULT_OLDER_THAN = "2h";

export const sweepCommand: Command = {
  name: "sweep",
  summary:
    "remove instances, Packer temporaries and AMIs that crashed, killed or cancelled runs left",
  description: SWEEP_DESCRIPTION,
  flags: [
    {
      name: "run",
      type: "string",
      value: "RUN_ID",
      help: `only what this run's record (runs/RUN_ID/${RUN_RECORD_FILE}) names, of any age; refused while the run is going`,
    },
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
      help: "run folders: their reports and records say which AMIs are results (default: runs/ in the project)",
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
            inventory: await readSweepInventory(client),
            recorded: recorded.ids,
            attempts: recorded.attempts,
            includeUntaggedPackerTemporaries: values[UNTAGGED_FLAG.slice(2)] === true,
          }),
      });
    } finally {
      target.clients.destroy();
    }
  },
};

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
  if ((await stat(dir).catch(() => undefined))?.isDirectory()) return { dir };
  return { dir, missing: `--${name} ${given} does not exist, so it records no AMI` };
}
