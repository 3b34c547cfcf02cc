// `sweep --run RUN_ID`: what one run's record names, whatever its age. The record says what each
// attempt made; a run that is still going is refused, since its builds are using those things.
import path from "node:path";
import type { FlagValues } from "../../cli/flags.ts";
import { UserError } from "../../errors.ts";
import { readFileIfExists } from "../../fs/read-file-if-exists.ts";
import { RUN_ID_PATTERN } from "../../model/run-id.ts";
import { findLeftovers } from "../../removal/attempt-leftovers.ts";
import { parseRunRecord, type RunRecord, runRecordFile } from "../../run-record/run-record.ts";
import { planRunSweep } from "../../sweep/plan-run.ts";
import { checkRun } from "../../sweep/run-liveness.ts";
import { pathForDisplay } from "../../text/path-for-display.ts";
import { plural } from "../../text/plural.ts";
import { resolveAwsTarget } from "../account-target.ts";
import { sweepRegions } from "./sweep-regions.ts";

export async function sweepRun({
  runId,
  runsDir,
  recorded,
  values,
  cwd,
  env,
  write,
}: {
  runId: string;
  runsDir: string;
  /** AMI ids a report or the AMI list records: never swept. */
  recorded: ReadonlyMap<string, string>;
  values: FlagValues;
  cwd: string;
  env: NodeJS.ProcessEnv;
  write: (lines: string[]) => void;
}): Promise<number> {
  const { record, shown } = await readRecord({ runId, runsDir, cwd });
  refuseWhileGoing(record);
  const regions = [...new Set(record.attempts.map((a) => a.region))];
  const dryRun = values["dry-run"] === true;
  write([
    `Sweep removes what run ${runId} left behind, as its record ${shown} names it (${plural(record.attempts.length, "attempt")}), of any age, in ${plural(regions.length, "region")}: ${regions.join(", ") || "none"}.`,
    ...(dryRun ? ["Dry run: nothing is changed."] : []),
  ]);
  const elsewhere = checkRun(record).elsewhere;
  if (elsewhere)
    write([
      `note: the run was recorded on ${elsewhere}; whether it still runs there cannot be checked from here`,
    ]);
  if (regions.length === 0) {
    write(["", "Nothing to sweep: the run started no build."]);
    return 0;
  }
  const target = await resolveAwsTarget({ values, cwd, env, regions });
  try {
    return await sweepRegions({
      target,
      dryRun,
      env,
      write,
      retry: `\`sweep --run ${runId}\``,
      planRegion: async ({ region, client }) => {
        const attempts = record.attempts.filter((a) => a.region === region);
        const leftovers = await findLeftovers({ client, runId, traces: attempts });
        return planRunSweep({ attempts, leftovers, recorded });
      },
    });
  } finally {
    target.clients.destroy();
  }
}

async function readRecord({
  runId,
  runsDir,
  cwd,
}: {
  runId: string;
  runsDir: string;
  cwd: string;
}): Promise<{ record: RunRecord; shown: string }> {
  if (!new RegExp(`^${RUN_ID_PATTERN.source}$`).test(runId))
    throw new UserError(
      `--run ${runId}: not a run id; run ids look like 20261122T214731Z-e4c2 (the folder names under runs/)`,
    );
  const file = runRecordFile(path.join(runsDir, runId));
  const shown = pathForDisplay(file, cwd);
  const text = await readFileIfExists(file);
  if (text === undefined)
    throw new UserError(
      `--run ${runId}: there is no ${shown}. A run writes it as its builds start; a dry run, or a run that stopped before building, has none. To sweep by age instead: sweep --older-than 2h`,
    );
  const record = parseRunRecord(text);
  if (!record || record.runId !== runId)
    throw new UserError(`--run ${runId}: ${shown} is not the run record of ${runId}`);
  return { record, shown };
}

function refuseWhileGoing(record: RunRecord): void {
  const { alive } = checkRun(record);
  if (alive.length === 0) return;
  const tool = alive.find((p) => p.pid === record.process.pid);
  const builds = alive.length - (tool ? 1 : 0);
  const who = [
    ...(tool ? [`ami-matrix (pid ${tool.pid})`] : []),
    ...(builds > 0 ? [`${plural(builds, "Packer build")}`] : []),
  ].join(" and ");
  throw new UserError(
    `Run ${record.runId} is still going: ${who} ${alive.length === 1 ? "is" : "are"} running on this host, using what the run made. Stop it first (Ctrl-C in its terminal${tool ? `, or kill -INT ${tool.pid}` : ""}), then sweep it.`,
  );
}
