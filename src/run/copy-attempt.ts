// One attempt of a copy task: the home region's AMI of this run (or its unchanged one) copied into the
// task's region, tagged with this run and job and the same fingerprint, shared as asked. Failures are
// classified like a build's, so throttling is retried; what a failed or stopped copy made is removed.
import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Ec2Clients } from "../aws/ec2-clients.ts";
import { copyImage } from "../copy/copy-image.ts";
import { errorMessage } from "../errors.ts";
import { attemptAmiName } from "../model/attempt-name.ts";
import { jobTags, TOOL_NAME } from "../model/tags.ts";
import { classifyFailure } from "../packer/classify-failure.ts";
import type { PlannedJob } from "../plan/make-plan.ts";
import type { RunRecorder } from "../run-record/record-writer.ts";
import type { RunEventListener } from "./run-events.ts";
import type { AttemptResult, TaskOutcome } from "./scheduler.ts";

export async function copyAttempt({
  planned,
  attempt,
  signal,
  needed,
  clients,
  pollDelayMs,
  onEvent,
  record,
  mask,
}: {
  planned: PlannedJob;
  attempt: number;
  signal: AbortSignal;
  needed: ReadonlyMap<string, TaskOutcome<PlannedJob>>;
  clients: Ec2Clients;
  pollDelayMs: number;
  onEvent: RunEventListener;
  record?: RunRecorder;
  mask: (text: string) => string;
}): Promise<AttemptResult> {
  const { job } = planned;
  const home = needed.get(planned.needs[0] ?? "");
  const sourceImageId = home?.amis[job.homeRegion];
  const logFile = path.join(planned.dir, `attempt-${attempt}.log`);
  const log = async (line: string) => {
    await mkdir(planned.dir, { recursive: true });
    await appendFile(logFile, `${new Date().toISOString()} ${mask(line)}\n`);
  };
  onEvent({ type: "started", jobId: job.id, attempt, log: logFile });
  if (!sourceImageId) {
    const error = `no AMI of ${planned.needs[0]} in ${job.homeRegion} to copy`;
    await log(error);
    return { status: "permanent", amis: {}, error, log: logFile };
  }
  const name = attemptAmiName({ amiName: job.amiName, runId: planned.runId }, attempt);
  const key = { job: job.id, attempt };
  record?.attemptStarted({ job: job.id, region: job.region, attempt, amiName: name });
  const step = (text: string) => {
    onEvent({ type: "step", jobId: job.id, text });
    void log(text);
  };
  const result = await copyImage({
    client: clients.forRegion(job.region),
    sourceRegion: job.homeRegion,
    sourceImageId,
    name,
    description: `${job.image} image (${job.virtualization}), copied from ${job.homeRegion} by ${TOOL_NAME} run ${planned.runId}`,
    tags: jobTags(job, planned.runId, planned.fingerprint),
    amiGroups: job.amiGroups,
    amiUsers: job.amiUsers,
    pollDelayMs,
    signal,
    onStep: step,
    onMade: (amiId) => record?.attemptMade(key, { amiId }),
  });
  const removed = result.status === "copied" ? [] : result.removed;
  for (const line of removed) step(`ami-matrix ${line}`);
  const leaked = removed.some((line) => line.startsWith("could not"));
  if (result.status === "copied") {
    record?.attemptState(key, "built");
    await log(`copied: ${result.amiId}`);
    return { status: "succeeded", amis: { [job.region]: result.amiId }, log: logFile };
  }
  const cleaned = removed.length > 0 ? `; ami-matrix removed the unfinished copy` : "";
  if (result.status === "interrupted") {
    record?.attemptState(key, "interrupted");
    return {
      status: "interrupted",
      amis: {},
      error: `interrupted${cleaned}`,
      log: logFile,
      ...(leaked ? { mayLeak: true } : {}),
    };
  }
  record?.attemptState(key, "failed");
  const message = mask(errorMessage(result.error));
  await log(`failed: ${message}`);
  const failure = classifyFailure([message]);
  return {
    status: failure.kind,
    amis: {},
    error: `${message}${cleaned} [${failure.kind}: ${failure.rule}]`,
    log: logFile,
    ...(leaked ? { mayLeak: true } : {}),
  };
}
