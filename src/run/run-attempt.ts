// One attempt of one job: spawn Packer on the job's template, turn its output into events and its
// end into a classified result. Interrupts become SIGINT to Packer's group, then SIGKILL after a grace period.

import path from "node:path";
import { errorMessage } from "../errors.ts";
import { attemptAmiName } from "../model/attempt-name.ts";
import { classifyFailure } from "../packer/classify-failure.ts";
import { runPacker } from "../packer/run-packer.ts";
import type { PlannedJob } from "../plan/make-plan.ts";
import { buildArgsForAttempt } from "../plan/packer-command.ts";
import type { Broadcast } from "./broadcast.ts";
import type { CleanupReport } from "./clean-up-attempt.ts";
import type { RunEventListener } from "./run-events.ts";
import type { AttemptResult, RunAttempt } from "./scheduler.ts";

const LAUNCH_STEP = /Launching a source AWS instance/;

export function createAttemptRunner({
  packerPath,
  env,
  secrets,
  killAfterMs,
  force,
  onEvent,
  cleanUp,
}: {
  packerPath: string;
  env: NodeJS.ProcessEnv;
  secrets: readonly string[];
  killAfterMs: number;
  /** Fired by the third Ctrl-C: kill every Packer group now, whatever it leaves behind. */
  force: Broadcast;
  onEvent: RunEventListener;
  /** Removes what an attempt that did not succeed left behind (Packer's cleanup is not complete). */
  cleanUp?: (args: { job: PlannedJob["job"]; amiName: string }) => Promise<CleanupReport>;
}): RunAttempt<PlannedJob> {
  return async ({ task: planned, attempt, signal }) => {
    const { job } = planned;
    const logFile = path.join(planned.dir, `attempt-${attempt}.log`);
    onEvent({ type: "started", jobId: job.id, attempt, log: logFile });
    let launched = false;
    const handle = runPacker({
      packerPath,
      args: buildArgsForAttempt(
        { templateFile: planned.templateFile, amiName: job.amiName, runId: planned.runId },
        attempt,
      ),
      cwd: planned.dir,
      env,
      logFile,
      secrets,
      onEvent: (event) => {
        if (event.kind !== "step") return;
        if (LAUNCH_STEP.test(event.text)) launched = true;
        onEvent({ type: "step", jobId: job.id, text: event.text });
      },
    });
    let killed = false;
    let killTimer: NodeJS.Timeout | undefined;
    const kill = (reason: "grace-period" | "forced") => {
      if (killed) return;
      killed = true;
      handle.kill();
      onEvent({ type: "killed", jobId: job.id, reason });
    };
    const onInterrupt = () => {
      handle.interrupt();
      killTimer = setTimeout(() => kill("grace-period"), killAfterMs);
    };
    const onForce = () => kill("forced");
    const forced = force.follow();
    if (signal.aborted) onInterrupt();
    else signal.addEventListener("abort", onInterrupt, { once: true });
    if (forced.signal.aborted) onForce();
    else forced.signal.addEventListener("abort", onForce, { once: true });
    let result: AttemptResult;
    try {
      const packerResult = await handle.result;
      result = attemptResult({
        planned,
        result: packerResult,
        logFile,
        interrupted: signal.aborted,
        killed,
      });
    } finally {
      clearTimeout(killTimer);
      signal.removeEventListener("abort", onInterrupt);
      forced.done();
    }
    // Before the launch step nothing of Packer's outlives it except what its own cleanup removes.
    if (result.status === "succeeded" || !cleanUp || force.fired || !launched) return result;
    return withCleanup({
      result,
      job,
      amiName: attemptAmiName({ amiName: job.amiName, runId: planned.runId }, attempt),
      cleanUp,
      onEvent,
    });
  };
}

async function withCleanup({
  result,
  job,
  amiName,
  cleanUp,
  onEvent,
}: {
  result: AttemptResult;
  job: PlannedJob["job"];
  amiName: string;
  cleanUp: NonNullable<Parameters<typeof createAttemptRunner>[0]["cleanUp"]>;
  onEvent: RunEventListener;
}): Promise<AttemptResult> {
  onEvent({ type: "step", jobId: job.id, text: "Checking for cloud resources Packer left behind" });
  let report: CleanupReport;
  try {
    report = await cleanUp({ job, amiName });
  } catch (error) {
    const reason = errorMessage(error);
    return {
      ...result,
      mayLeak: true,
      error: `${result.error ?? "failed"}; could not check for leftovers: ${reason}`,
    };
  }
  for (const line of report.removed)
    onEvent({ type: "step", jobId: job.id, text: `Packer left it behind, so ami-matrix ${line}` });
  if (report.failures.length > 0) {
    return {
      ...result,
      mayLeak: true,
      error: `${result.error ?? "failed"}; left behind: ${report.failures.join("; ")}`,
    };
  }
  // Everything the attempt made is gone, even if Packer had to be killed.
  const { mayLeak: _gone, ...clean } = result;
  return clean;
}

function attemptResult({
  planned,
  result,
  logFile,
  interrupted,
  killed,
}: {
  planned: PlannedJob;
  result: Awaited<ReturnType<typeof runPacker>["result"]>;
  logFile: string;
  interrupted: boolean;
  killed: boolean;
}): AttemptResult {
  const region = planned.job.region;
  const base = { amis: result.amis, log: logFile, ...(killed ? { mayLeak: true } : {}) };
  if (result.exitCode === 0 && result.amis[region]) return { ...base, status: "succeeded" };
  if (interrupted) {
    const error = killed
      ? "interrupted; Packer was killed before it finished cleaning up, so cloud resources may be left behind"
      : "interrupted; Packer cleaned up and exited";
    return { ...base, status: "interrupted", error };
  }
  if (result.exitCode === 0) {
    return {
      ...base,
      status: "permanent",
      error: `Packer exited 0 but reported no AMI for ${region} (artifacts: ${JSON.stringify(result.amis)})`,
    };
  }
  const failure = classifyFailure(result.errors);
  // Packer's errors span lines (filters, status codes); one line reads better in summaries and reports.
  const message = failure.message.replace(/\s+/g, " ").trim();
  const exit =
    result.exitCode === null ? `signal ${result.signal ?? "?"}` : `exit ${result.exitCode}`;
  return {
    ...base,
    status: failure.kind,
    error: `${message || `Packer failed (${exit}) without an error line`} [${failure.kind}: ${failure.rule}]`,
  };
}
