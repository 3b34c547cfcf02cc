// The build command's shell: the matrix, then planning shown step by step (rehearsal endpoint,
// preflight, source AMIs, templates), then either the dry run's printout or the run itself with its
// display, report and summary. What is not needed for the first line loads after it.
import { rm } from "node:fs/promises";
import path from "node:path";
import type { AmiListLock } from "../../ami-list/lock.ts";
import { takeAmiList } from "../../ami-list/take-ami-list.ts";
import type { CommandContext, Io } from "../../cli/command.ts";
import { ProblemsError, UserError } from "../../errors.ts";
import { selectCells } from "../../matrix/select-cells.ts";
import { newRunId } from "../../model/run-id.ts";
import { displayMode } from "../../progress/display-mode.ts";
import { createPlanningDisplay, type PlanningDisplay } from "../../progress/planning-display.ts";
import { projectPaths } from "../../project-paths.ts";
import { readFailedCells } from "../../report/failed-cells.ts";
import { pathForDisplay } from "../../text/path-for-display.ts";
import { plural } from "../../text/plural.ts";
import { loadVariables } from "../../variables/load-variables.ts";
import { variablesEnv } from "../../variables/packer-variables.ts";
import { unsetVariables, unsetVariableText } from "../../variables/unset-variables.ts";
import { type CliOptions, toBuildOptions } from "./build-flags.ts";
import { interruptedWhilePlanning, watchPlanningInterrupt } from "./planning-interrupt.ts";
import { selectShard, shardText } from "./select-shard.ts";
import { sharedAmiListDir } from "./shared-ami-list.ts";
import { fingerprintOfVariables } from "./variables-fingerprint.ts";

const PLANNING_STEPS = ["plan", "packer", "aws", "sources", "account", "templates", "changes"];

export async function runBuild({ values, cwd, env, io, signals }: CommandContext): Promise<number> {
  const flags = toBuildOptions(values);
  if (flags.json && !flags.dryRun) throw new UserError("--json goes with --dry-run.");
  if (flags.localFaults && !flags.local) throw new UserError("--local-faults goes with --local.");
  const variables = await loadVariables({ vars: flags.vars, varFiles: flags.varFiles, cwd });
  const given = { ...flags, varFiles: variables.files.map((file) => file.path) };
  const matrixFile = given.matrix ? path.resolve(cwd, given.matrix) : projectPaths.matrix;
  const matrixName = pathForDisplay(matrixFile, cwd);
  const rerun = given.rerunFailed
    ? await readFailedCells(path.resolve(cwd, given.rerunFailed), given.rerunFailed)
    : undefined;
  const selected = await selectCells({
    file: matrixFile,
    displayName: matrixName,
    only: given.only,
    exclude: given.exclude,
    ...(given.strategy ? { strategy: given.strategy } : {}),
    ...(given.spot ? { spot: true } : {}),
    ...(rerun ? { ids: rerun } : {}),
  });
  const sharded = given.shard ? await selectShard(selected, given.shard) : undefined;
  const selection = sharded?.selection ?? selected;
  const shard = sharded?.shard;
  const regions = new Set(selection.jobs.map((job) => job.region)).size;
  if (shard && selection.jobs.length === 0) {
    const all = new Set(selected.jobs.map((job) => job.region)).size;
    (given.dryRun ? io.stderr : io.stdout)(
      `shard ${shard.index}/${shard.count} has no cells: the ${plural(selected.jobs.length, "selected job")} are in ${plural(all, "region")}, and a shard holds whole regions. Nothing to do.\n`,
    );
    return 0;
  }
  const rehearsing = given.local || given.ec2Endpoint !== undefined;
  // Only a real build needs the values a matrix asks its users for; a dry run says what is missing.
  const unset = rehearsing ? [] : unsetVariables({ jobs: selection.jobs, variables, env });
  if (unset.length > 0 && !given.dryRun)
    throw new ProblemsError({
      problems: unset.map(unsetVariableText),
      headline: (n) =>
        `Found ${n} with the Packer variables the matrix asks for; nothing was started`,
    });
  const options = {
    ...given,
    packerVariables: await fingerprintOfVariables(variables, selection),
  };
  const runId = newRunId();
  const { display, write } = planningDisplay({ options, io, env });
  display.done(
    "plan",
    `Planning ${plural(selection.jobs.length, "job")} in ${plural(regions, "region")} (${shard ? `${shardText(shard)}, ` : ""}of the matrix's ${selection.loaded.jobs.length} cells) from ${matrixName}, run ${runId}`,
  );

  // One writer per AMI list, from before planning to the end; a dry run writes none, so takes none.
  const listDir = options.dryRun
    ? undefined
    : sharedAmiListDir({ options, cwd, mode: { local: rehearsing } });
  const lock: AmiListLock | undefined = listDir
    ? await takeAmiList({
        dir: listDir,
        runId,
        wait: options.waitForLock,
        signals,
        notice: (line) => write(`${line}\n`),
        display: (file) => pathForDisplay(file, cwd),
      })
    : undefined;
  const interrupt = watchPlanningInterrupt(signals);
  const rehearsal = rehearsing ? beginRehearsal(options, env, cwd) : undefined;
  rehearsal?.catch(() => {});
  try {
    const { preparePlan } = await import("./prepare-run.ts");
    const planning = preparePlan({
      options,
      cwd,
      // `packer validate` sees the --var values as `packer build` will, in PKR_VAR_ variables.
      env: { ...env, ...variablesEnv(variables) },
      selection,
      matrixFile,
      matrixName,
      runId,
      rehearsal: rehearsal
        ? rehearsal.then((r) => ({
            mode: { local: true, ec2Endpoint: r.endpoint },
            awsEnv: { ...env, ...r.env },
          }))
        : Promise.resolve({ mode: { local: false }, awsEnv: env }),
      steps: display,
      signal: interrupt.signal,
    });
    planning.catch(() => {});
    const planned = await Promise.race([
      planning.then((prepared) => ({ prepared })),
      interrupt.arrived.then((signal) => ({ signal })),
    ]).finally(() => display.finish());
    if ("signal" in planned) {
      write(`${interruptedWhilePlanning(planned.signal)}\n`);
      // Planning stops where it was; what it wrote of the run's folder is no run.
      await planning.catch(() => {});
      await rm(path.join(projectPaths.runs, runId), { recursive: true, force: true });
      return 130;
    }
    const { prepared } = planned;
    const { checkPlanVariables } = await import("./plan-variables.ts");
    const planVariables = await checkPlanVariables({ prepared, variables, env });
    if (options.dryRun) {
      const { formatPlanJson, formatPlanText } = await import("./format-plan.ts");
      const extras = { shard, variables: planVariables.shown };
      prepared.warnings.push(
        ...unset.map((variable) => `a real build would stop: ${unsetVariableText(variable)}`),
      );
      io.stdout(
        `${options.json ? formatPlanJson(prepared, extras) : formatPlanText(prepared, cwd, extras)}\n`,
      );
      return 0;
    }
    const run = await rehearsal;
    const { buildPrepared } = await import("./build-prepared.ts");
    return await buildPrepared({
      prepared,
      reportFile: options.report ? path.resolve(cwd, options.report) : undefined,
      killAfterMs: options.killAfterSeconds * 1000,
      rehearsal: run,
      variables: planVariables.forRun,
      shard,
      // From here the run's own Ctrl-C handling listens.
      beforeRun: () => interrupt.stop(),
      context: { cwd, env, io, signals },
    });
  } finally {
    interrupt.stop();
    await (await rehearsal?.catch(() => undefined))?.close();
    await lock?.release();
  }
}

async function beginRehearsal(options: CliOptions, env: NodeJS.ProcessEnv, cwd: string) {
  const { startRehearsal } = await import("../../rehearsal/start-rehearsal.ts");
  return startRehearsal({
    local: options.local,
    ec2Endpoint: options.ec2Endpoint,
    faultsFile: options.localFaults,
    env,
    cwd,
  });
}

// Planning shows where the run's progress goes; a dry run's stdout is the plan, so it shows on stderr.
function planningDisplay({
  options,
  io,
  env,
}: {
  options: CliOptions;
  io: Io;
  env: NodeJS.ProcessEnv;
}): { display: PlanningDisplay; write: (text: string) => void } {
  const toStderr = options.dryRun;
  const write = toStderr ? io.stderr : io.stdout;
  const interactive = io.interactive === true && (!toStderr || process.stderr.isTTY === true);
  const display = createPlanningDisplay({
    steps: PLANNING_STEPS,
    mode: displayMode({ interactive, env }),
    write,
    stream: toStderr ? process.stderr : process.stdout,
  });
  return { display, write };
}
