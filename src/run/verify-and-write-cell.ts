// What a succeeded attempt still needs before its job counts as succeeded: EC2 shows the AMI as it
// should be, and the AMI list cell is written. The run record follows, so `sweep --run` never takes
// an AMI whose cell was written for a leftover.
import path from "node:path";
import type { AmiListWriter } from "../ami-list/writer.ts";
import type { Ec2Clients } from "../aws/ec2-clients.ts";
import type { PlannedJob } from "../plan/make-plan.ts";
import type { RunRecorder } from "../run-record/record-writer.ts";
import { DEFAULT_RECHECK, verifyAmi } from "../verify/verify-ami.ts";
import type { RunEventListener } from "./run-events.ts";
import type { OnSucceeded } from "./scheduler.ts";

export function verifyAndWriteCell({
  clients,
  runId,
  writer,
  amiListDir,
  pollDelayMs,
  record,
  onEvent,
}: {
  clients: Ec2Clients;
  runId: string;
  writer: AmiListWriter;
  amiListDir: string;
  pollDelayMs: number;
  record: RunRecorder;
  onEvent: RunEventListener;
}): OnSucceeded<PlannedJob> {
  return async ({ task: { job, fingerprint, inputs }, attempt, result, durationMs }) => {
    const key = { job: job.id, attempt };
    const amiId = result.amis[job.region] as string;
    try {
      // Never write an AMI id that EC2 has not shown us: existing, available, ours, shared as asked.
      const verdict = await verifyAmi({
        client: clients.forRegion(job.region),
        region: job.region,
        amiId,
        runId,
        jobId: job.id,
        amiGroups: job.amiGroups,
        amiUsers: job.amiUsers,
        recheck: {
          ...DEFAULT_RECHECK,
          delayMs: Math.min(DEFAULT_RECHECK.delayMs, Math.max(pollDelayMs, 100)),
        },
      });
      if (!verdict.ok) throw new Error(`${verdict.reason}; the AMI list cell was not written`);
      const change = await writer.write(job.amiListFile, amiId, {
        ami: amiId,
        job: job.id,
        image: job.image,
        region: job.region,
        virtualization: job.virtualization,
        fingerprint,
        inputs,
        durationMs,
      });
      record.attemptState(key, "succeeded");
      onEvent({
        type: "cell-written",
        jobId: job.id,
        file: path.join(amiListDir, job.amiListFile),
        change,
      });
    } catch (error) {
      record.attemptState(key, "failed");
      throw error;
    }
  };
}
