// Packer does not always clean up: cancelled while waiting for its instance, Packer 1.6.6 leaves the
// instance running (and so cannot delete its security group); cancelled during the AMI wait, it
// leaves the pending AMI; killed, it leaves everything. After every attempt that did not succeed, this
// finds what the attempt made (by this run's tags, the attempt's AMI name, and what Packer announced)
// and removes it.
import type { EC2Client } from "@aws-sdk/client-ec2";
import { createActionLog, describeDone } from "../removal/action-log.ts";
import { type AttemptTrace, findLeftovers } from "../removal/attempt-leftovers.ts";
import { removeImage } from "../removal/remove-image.ts";
import {
  deleteLaunchTemplates,
  deleteTemporaries,
  terminateInstances,
} from "../removal/remove-instances.ts";

export interface CleanupReport {
  /** Human-readable lines: what was found and removed. */
  removed: string[];
  /** What could not be removed: these may still cost money. */
  failures: string[];
}

export async function cleanUpAttempt({
  client,
  runId,
  jobId,
  trace,
  pollDelayMs,
}: {
  client: EC2Client;
  runId: string;
  jobId: string;
  trace: AttemptTrace;
  pollDelayMs: number;
}): Promise<CleanupReport> {
  const log = createActionLog();
  const found = await findLeftovers({ client, runId, jobId, traces: [trace] });
  // A group goes only once no instance holds it: terminate first, then the temporaries.
  await terminateInstances({ client, ids: found.instances.map((i) => i.id), pollDelayMs, log });
  await deleteTemporaries({
    client,
    groups: found.groups,
    keys: found.keys.map((k) => k.name),
    log,
  });
  await deleteLaunchTemplates({ client, templates: found.launchTemplates, log });
  for (const image of found.images) {
    await removeImage({ client, image, log, note: image.state });
  }
  return {
    removed: log.outcomes.filter((o) => o.error === undefined).map(describeDone),
    failures: log.outcomes
      .filter((o) => o.error !== undefined)
      .map((o) => `${describeDone(o)}: ${o.error}`),
  };
}
