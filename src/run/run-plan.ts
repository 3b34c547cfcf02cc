// A real run walks the prepared plan: schedule the builds, show progress, write each cell as its job
// succeeds, handle Ctrl-C, then write the report and print the summary.
import type { EventEmitter } from "node:events";
import path from "node:path";
import { createAmiListWriter } from "../ami-list/writer.ts";
import { createEc2Clients } from "../aws/ec2-clients.ts";
import type { PreparedRun } from "../commands/build/prepare-run.ts";
import { createProgressDisplay } from "../progress/progress-display.ts";
import { buildReport } from "../report/build-report.ts";
import { exitCodeFor } from "../report/exit-code.ts";
import { formatSummaryTable } from "../report/summary-table.ts";
import { writeReport } from "../report/write-report.ts";
import { secretsFromEnv } from "../secrets/secrets-from-env.ts";
import { pathForDisplay } from "../text/path-for-display.ts";
import { DEFAULT_RECHECK, verifyAmi } from "../verify/verify-ami.ts";
import { cleanUpAttempt } from "./clean-up-attempt.ts";
import { watchInterrupts } from "./interrupt-controller.ts";
import { createAttemptRunner } from "./run-attempt.ts";
import type { RunEvent } from "./run-events.ts";
import { startScheduler } from "./scheduler.ts";

export interface RunSettings {
  reportFile?: string;
  killAfterMs: number;
  interactive: boolean;
  /** Extra environment for Packer (local rehearsal: fake credentials, fast polling). */
  packerEnv?: NodeJS.ProcessEnv;
  /** EC2-compatible endpoint of a rehearsal, for the SDK calls this tool makes itself. */
  ec2Endpoint?: string;
}

export async function runPlan({
  prepared,
  settings,
  env,
  cwd,
  signals,
  write,
}: {
  prepared: PreparedRun;
  settings: RunSettings;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signals: Pick<EventEmitter, "on" | "off">;
  write: (text: string) => void;
}): Promise<number> {
  const { plan, limits } = prepared;
  const startedAt = new Date();
  const jobs = plan.jobs.map((p) => p.job);
  const packerEnv: NodeJS.ProcessEnv = { ...env, CHECKPOINT_DISABLE: "1", ...settings.packerEnv };
  const writer = createAmiListWriter({ dir: prepared.amiListDir });
  const display = createProgressDisplay({
    jobs,
    mode: settings.interactive ? "interactive" : "plain",
    write,
    maxAttempts: limits.retries + 1,
    limits,
  });
  const force = new AbortController();
  const clients = createEc2Clients({ endpoint: settings.ec2Endpoint, env: packerEnv });
  const pollDelayMs = Number(packerEnv.AWS_POLL_DELAY_SECONDS ?? 15) * 1000;
  const emit = (event: RunEvent) => display.onEvent(event);

  const scheduler = startScheduler({
    jobs,
    concurrency: limits.concurrency,
    regionConcurrency: limits.regionConcurrency,
    retries: limits.retries,
    retryDelayMs: limits.retryDelaySeconds * 1000,
    runAttempt: createAttemptRunner({
      plannedJobs: plan.jobs,
      packerPath: prepared.packer.path,
      env: packerEnv,
      secrets: secretsFromEnv(packerEnv),
      killAfterMs: settings.killAfterMs,
      force: force.signal,
      onEvent: emit,
      cleanUp: ({ job, amiName }) =>
        cleanUpAttempt({
          client: clients.forRegion(job.region),
          runId: plan.runId,
          jobId: job.id,
          amiName,
          pollDelayMs,
        }),
    }),
    onSucceeded: async ({ job, result }) => {
      const amiId = result.amis[job.region] as string;
      // Never write an AMI id that EC2 has not shown us: existing, available, ours, shared as asked.
      const verdict = await verifyAmi({
        client: clients.forRegion(job.region),
        region: job.region,
        amiId,
        runId: plan.runId,
        jobId: job.id,
        amiGroups: job.amiGroups,
        amiUsers: job.amiUsers,
        recheck: {
          ...DEFAULT_RECHECK,
          delayMs: Math.min(DEFAULT_RECHECK.delayMs, Math.max(pollDelayMs, 100)),
        },
      });
      if (!verdict.ok) throw new Error(`${verdict.reason}; the AMI list cell was not written`);
      const change = await writer.write(job.amiListFile, amiId);
      emit({
        type: "cell-written",
        jobId: job.id,
        file: path.join(prepared.amiListDir, job.amiListFile),
        change,
      });
    },
    onEvent: emit,
  });

  const stopWatching = watchInterrupts({
    target: signals,
    handlers: {
      first: (signal) => {
        scheduler.interrupt();
        emit({
          type: "interrupting",
          signal,
          cleaningUp: scheduler.running(),
          killAfterMs: settings.killAfterMs,
        });
      },
      second: () => emit({ type: "force-warning", cleaningUp: scheduler.running() }),
      third: () => force.abort(),
    },
  });
  let outcomes: Awaited<typeof scheduler.done>;
  try {
    outcomes = await scheduler.done;
  } finally {
    stopWatching();
    clients.destroy();
    await display.finish();
  }

  const reportFile = settings.reportFile ?? path.join(plan.runDir, "report.json");
  write(`\n${formatSummaryTable(outcomes, { baseDir: cwd })}\n`);
  const code = exitCodeFor(outcomes, { interrupted: scheduler.interrupted });
  try {
    await writeReport(
      reportFile,
      buildReport(outcomes, {
        runId: plan.runId,
        baseDir: cwd,
        startedAt,
        finishedAt: new Date(),
        sourceImages: prepared.sourceImages,
      }),
    );
  } catch (error) {
    // Preflight checked the place; a disk that filled up since must not hide what was built.
    write(
      `error: ${error instanceof Error ? error.message : String(error)}; the AMI list is written, and the summary above is the run's record\n`,
    );
    return code === 0 ? 1 : code;
  }
  write(
    `AMI list: ${pathForDisplay(prepared.amiListDir, cwd)}/   Report: ${pathForDisplay(reportFile, cwd)}\n`,
  );
  return code;
}
