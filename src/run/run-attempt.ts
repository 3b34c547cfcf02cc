// One attempt of one job: spawn Packer on the job's template, turn its output into events and its
// end into a classified result. Interrupts become SIGINT to Packer's group, then SIGKILL after a grace period.

import path from "node:path";
import { attemptAmiName } from "../model/attempt-name.ts";
import { announcedResources } from "../packer/announced-resources.ts";
import { runPacker } from "../packer/run-packer.ts";
import type { PlannedJob } from "../plan/make-plan.ts";
import { buildArgsForAttempt } from "../plan/packer-command.ts";
import type { AttemptTrace } from "../removal/attempt-leftovers.ts";
import { identify } from "../run-record/process-identity.ts";
import type { RunRecorder } from "../run-record/record-writer.ts";
import { type CleanUp, withCleanup } from "./attempt-cleanup.ts";
import { attemptResult } from "./attempt-result.ts";
import type { Broadcast } from "./broadcast.ts";
import type { RunEventListener } from "./run-events.ts";
import type { AttemptResult, RunAttempt } from "./scheduler.ts";

// On-demand builds say "a source AWS instance", Spot builds "a spot AWS instance".
const LAUNCH_STEP = /Launching a (source|spot) AWS instance/;

export function createAttemptRunner({
  packerPath,
  env,
  secrets,
  killAfterMs,
  force,
  onEvent,
  cleanUp,
  record,
}: {
  packerPath: string;
  env: NodeJS.ProcessEnv;
  secrets: readonly string[];
  killAfterMs: number;
  /** Fired by the third Ctrl-C: kill every Packer group now, whatever it leaves behind. */
  force: Broadcast;
  onEvent: RunEventListener;
  /** Removes what an attempt that did not succeed left behind (Packer's cleanup is not complete). */
  cleanUp?: CleanUp;
  /** The run record on disk: what each attempt made, for `sweep --run` after a crash. */
  record?: RunRecorder;
}): RunAttempt<PlannedJob> {
  return async ({ task: planned, attempt, signal, needed }) => {
    const { job } = planned;
    // A cell built on another image starts from that image's AMI of this run (or its unchanged one).
    const sourceAmi = job.from ? needed.get(job.from)?.amis[job.region] : undefined;
    const logFile = path.join(planned.dir, `attempt-${attempt}.log`);
    const amiName = attemptAmiName({ amiName: job.amiName, runId: planned.runId }, attempt);
    const key = { job: job.id, attempt };
    // What this attempt made, as Packer announces it: for the record, and for the cleanup below.
    const trace: AttemptTrace = { amiName, ...(job.spot ? { spot: true } : {}) };
    onEvent({ type: "started", jobId: job.id, attempt, log: logFile });
    let launched = false;
    const handle = runPacker({
      packerPath,
      args: buildArgsForAttempt(
        {
          templateFile: planned.templateFile,
          amiName: job.amiName,
          runId: planned.runId,
          varFiles: planned.varFiles,
          ...(sourceAmi ? { sourceAmi } : {}),
        },
        attempt,
      ),
      cwd: planned.dir,
      env,
      logFile,
      secrets,
      onEvent: (event) => {
        const made = announcedResources(event);
        if (made) {
          Object.assign(trace, made);
          record?.attemptMade(key, made);
        }
        if (event.kind !== "step") return;
        if (LAUNCH_STEP.test(event.text)) launched = true;
        onEvent({ type: "step", jobId: job.id, text: event.text });
      },
    });
    record?.attemptStarted({
      job: job.id,
      region: job.region,
      attempt,
      amiName,
      ...(job.spot ? { spot: true } : {}),
      ...(handle.pid !== undefined ? { packer: identify(handle.pid) } : {}),
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
    record?.attemptState(key, recordedState(result));
    // Before Packer announced anything, nothing of it outlives it. After a forced stop the user wants
    // out at once: the run record is there for `sweep --run`.
    const { amiName: _name, spot: _spot, ...announced } = trace;
    const made = launched || Object.keys(announced).length > 0;
    if (result.status === "succeeded" || !cleanUp || force.fired || !made) return result;
    return withCleanup({ result, job, trace, cleanUp, onEvent });
  };
}

function recordedState(result: AttemptResult): "built" | "failed" | "interrupted" {
  if (result.status === "succeeded") return "built";
  return result.status === "interrupted" ? "interrupted" : "failed";
}
