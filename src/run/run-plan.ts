// A real run walks the prepared plan: schedule the builds, verify each AMI and write its cell as its
// job succeeds, and handle Ctrl-C. What it sees goes to the listener it is handed (the display);
// the report and summary are the caller's.
import type { EventEmitter } from "node:events";
import path from "node:path";
import { createAmiListWriter } from "../ami-list/writer.ts";
import { createEc2Clients } from "../aws/ec2-clients.ts";
import { pollDelayMs as pollDelayFrom } from "../aws/poll-delay.ts";
import type { JobOutcome } from "../model/job.ts";
import type { Plan, PlannedJob } from "../plan/make-plan.ts";
import { createMasker, maskStrings } from "../secrets/mask-secrets.ts";
import { secretValues } from "../secrets/secret-values.ts";
import { DEFAULT_RECHECK, verifyAmi } from "../verify/verify-ami.ts";
import { createBroadcast } from "./broadcast.ts";
import { cleanUpAttempt } from "./clean-up-attempt.ts";
import { watchInterrupts } from "./interrupt-controller.ts";
import { createAttemptRunner } from "./run-attempt.ts";
import type { RunEventListener } from "./run-events.ts";
import { startScheduler, type TaskOutcome } from "./scheduler.ts";

export interface RunLimits {
  concurrency: number;
  regionConcurrency: number;
  retries: number;
  retryDelaySeconds: number;
}

export interface RunInput {
  plan: Plan;
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
}

export interface RunResult {
  /** One per job, in plan order. */
  outcomes: JobOutcome[];
  interrupted: boolean;
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
  });
  const mask = createMasker(secrets);
  const emit: RunEventListener = (event) => onEvent(maskStrings(event, mask));

  const scheduler = startScheduler<PlannedJob>({
    tasks: plan.jobs,
    concurrency: limits.concurrency,
    regionConcurrency: limits.regionConcurrency,
    retries: limits.retries,
    retryDelayMs: limits.retryDelaySeconds * 1000,
    runAttempt: createAttemptRunner({
      packerPath: input.packerPath,
      env: packerEnv,
      secrets,
      killAfterMs: settings.killAfterMs,
      force,
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
    onSucceeded: async ({ task: { job }, result }) => {
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
        file: path.join(input.amiListDir, job.amiListFile),
        change,
      });
    },
    onEvent: emit,
    onFinished: (outcome) => emit({ type: "finished", outcome: jobOutcome(outcome) }),
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
      third: () => force.fire(),
    },
  });
  try {
    const outcomes = await scheduler.done;
    return {
      outcomes: outcomes.map((outcome) => maskStrings(jobOutcome(outcome), mask)),
      interrupted: scheduler.interrupted,
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

function jobOutcome({ task, ...outcome }: TaskOutcome<PlannedJob>): JobOutcome {
  return { job: task.job, ...outcome };
}
