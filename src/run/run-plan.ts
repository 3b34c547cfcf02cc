// A real run walks the prepared plan: schedule the builds, verify each AMI and write its cell as its
// job succeeds, and handle Ctrl-C. What it sees goes to the listener it is handed (the display);
// the report and summary are the caller's.
// Over 200 lines: the run's wiring (scheduler, attempts, verification, writer, interrupts) in one place.
import type { EventEmitter } from "node:events";
import { createAmiListWriter } from "../ami-list/writer.ts";
import { createEc2Clients } from "../aws/ec2-clients.ts";
import { pollDelayMs as pollDelayFrom } from "../aws/poll-delay.ts";
import type { JobOutcome } from "../model/job.ts";
import type { Plan, PlannedJob } from "../plan/make-plan.ts";
import { createManifestWriter } from "../run-record/manifest-writer.ts";
import { createRunRecorder } from "../run-record/record-writer.ts";
import { createMasker, maskStrings } from "../secrets/mask-secrets.ts";
import { secretValues } from "../secrets/secret-values.ts";
import { createBroadcast } from "./broadcast.ts";
import { cleanUpAttempt } from "./clean-up-attempt.ts";
import { copyAttempt } from "./copy-attempt.ts";
import { watchInterrupts } from "./interrupt-controller.ts";
import { createAttemptRunner } from "./run-attempt.ts";
import type { RunEventListener } from "./run-events.ts";
import { type SchedulerTask, startScheduler, type TaskOutcome } from "./scheduler.ts";
import { verifyAndWriteCell } from "./verify-and-write-cell.ts";

export interface RunLimits {
  concurrency: number;
  regionConcurrency: number;
  retries: number;
  retryDelaySeconds: number;
}

export interface RunInput {
  plan: Plan;
  /** Cells found unchanged: they are done before the run starts, with their listed AMI. */
  unchanged?: ReadonlyMap<string, string>;
  /** How long each job is expected to take; longer ones start first. */
  expectedMs?: (planned: PlannedJob) => number;
  amiListDir: string;
  packerPath: string;
  limits: RunLimits;
}

export interface RunSettings {
  killAfterMs: number;
  /** Extra environment for Packer (local rehearsal: fake credentials, fast polling). */
  packerEnv?: NodeJS.ProcessEnv;
  /** EC2-compatible endpoint of a rehearsal, for the SDK calls this tool makes itself. */
  ec2Endpoint?: string;
  /** Extra environment for the tool's own SDK calls (a rehearsal's credentials); they refresh themselves. */
  awsEnv?: NodeJS.ProcessEnv;
  /** Values to mask besides the environment's secrets: those of sensitive Packer variables. */
  sensitiveValues?: readonly string[];
}

export interface RunResult {
  /** One per job, in plan order. */
  outcomes: JobOutcome[];
  interrupted: boolean;
  /** Why the run record (what each attempt made, for `sweep --run`) could not be written, if so. */
  recordError?: string;
}

export async function runPlan({
  input,
  settings,
  env,
  signals,
  onEvent,
}: {
  input: RunInput;
  settings: RunSettings;
  env: NodeJS.ProcessEnv;
  signals: Pick<EventEmitter, "on" | "off">;
  onEvent: RunEventListener;
}): Promise<RunResult> {
  const { plan, limits } = input;
  const packerEnv: NodeJS.ProcessEnv = { ...env, CHECKPOINT_DISABLE: "1", ...settings.packerEnv };
  const writer = createAmiListWriter({ dir: input.amiListDir });
  const force = createBroadcast();
  const clients = createEc2Clients({
    endpoint: settings.ec2Endpoint,
    env: { ...env, ...settings.awsEnv },
  });
  const pollDelayMs = pollDelayFrom(packerEnv);
  // Everything that leaves the run (display events, outcomes for the summary and the report) is masked.
  const secrets = secretValues({
    env: packerEnv,
    credentials: await resolvedCredentials(clients, plan),
    sensitiveValues: settings.sensitiveValues,
  });
  const mask = createMasker(secrets);
  const emit: RunEventListener = (event) => onEvent(maskStrings(event, mask));
  const record = createRunRecorder({ runDir: plan.runDir, runId: plan.runId });
  const manifest = createManifestWriter({ runDir: plan.runDir });

  const tasks = plan.jobs.map((planned): RunTask => {
    const listed = input.unchanged?.get(planned.job.id);
    const settled: RunTask["settled"] =
      planned.action === "skip"
        ? { status: "skipped", error: planned.skipReason ?? "skipped" }
        : listed
          ? { status: "unchanged", amis: { [planned.region]: listed } }
          : undefined;
    return {
      ...planned,
      expectedMs: input.expectedMs?.(planned) ?? 0,
      ...(settled ? { settled } : {}),
    };
  });
  const build = createAttemptRunner({
    packerPath: input.packerPath,
    env: packerEnv,
    secrets,
    killAfterMs: settings.killAfterMs,
    force,
    onEvent: emit,
    record,
    cleanUp: ({ job, trace }) =>
      cleanUpAttempt({
        client: clients.forRegion(job.region),
        runId: plan.runId,
        jobId: job.id,
        trace,
        pollDelayMs,
      }),
  });
  const scheduler = startScheduler<RunTask>({
    tasks,
    concurrency: limits.concurrency,
    regionConcurrency: limits.regionConcurrency,
    retries: limits.retries,
    retryDelayMs: limits.retryDelaySeconds * 1000,
    // A copy runs no Packer: the SDK copies the home region's AMI.
    runAttempt: (args) =>
      args.task.action === "copy"
        ? copyAttempt({
            planned: args.task,
            attempt: args.attempt,
            signal: args.signal,
            needed: args.needed,
            clients,
            pollDelayMs,
            onEvent: emit,
            record,
            mask,
          })
        : build(args),
    onSucceeded: verifyAndWriteCell({
      clients,
      runId: plan.runId,
      writer,
      amiListDir: input.amiListDir,
      pollDelayMs,
      record,
      manifest,
      onEvent: emit,
    }),
    onEvent: emit,
    onFinished: (outcome) => emit({ type: "finished", outcome: jobOutcome(outcome) }),
  });

  const stopWatching = watchInterrupts({
    target: signals,
    handlers: {
      any: (signal) => record.interrupted(signal),
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
      third: () => force.fire(),
    },
  });
  try {
    const outcomes = await scheduler.done;
    const recordError =
      [await record.close(), await manifest.close()].filter(Boolean).join("; ") || undefined;
    return {
      outcomes: outcomes.map((outcome) => maskStrings(jobOutcome(outcome), mask)),
      interrupted: scheduler.interrupted,
      ...(recordError ? { recordError } : {}),
    };
  } finally {
    stopWatching();
    clients.destroy();
  }
}

// Credentials the SDK resolved (a profile, SSO, a role) are masked too; preflight already checked them,
// so a failure here only means there is nothing more to mask.
async function resolvedCredentials(
  clients: ReturnType<typeof createEc2Clients>,
  plan: Plan,
): Promise<{ accessKeyId?: string; secretAccessKey?: string; sessionToken?: string } | undefined> {
  const region = plan.jobs[0]?.job.region;
  if (region === undefined) return undefined;
  return clients.credentials(region).catch(() => undefined);
}

/** A planned job as the scheduler takes it: what it waits for, whether it is done, how long it takes. */
type RunTask = PlannedJob & Pick<SchedulerTask, "settled" | "expectedMs">;

function jobOutcome({ task, ...outcome }: TaskOutcome<RunTask>): JobOutcome {
  return { job: task.job, ...outcome };
}
