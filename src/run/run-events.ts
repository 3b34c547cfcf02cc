// What the scheduler tells the world. The progress display and logs only listen; they never steer.
import type { JobOutcome } from "../model/job.ts";

export type RunEvent =
  /** Waiting for a global or region slot (first attempt, or a retry whose delay has passed). */
  | { type: "queued"; jobId: string; attempt: number }
  /** Holds its slots; Packer is starting. */
  | { type: "started"; jobId: string; attempt: number; log: string }
  /** Packer's latest `ui,say` line, masked, without the `==> name: ` prefix. */
  | { type: "step"; jobId: string; text: string }
  /** The attempt failed for a transient reason; the job holds no slot while it waits. */
  | {
      type: "retrying";
      jobId: string;
      attempt: number;
      nextAttempt: number;
      delayMs: number;
      reason: string;
    }
  /** Packer built the job's AMI; it holds no slot while the AMI is verified and its cell written. */
  | { type: "verifying"; jobId: string; amiId: string }
  /** The job is done for this run, whatever its status. */
  | { type: "finished"; outcome: JobOutcome }
  /** The AMI list cell of a succeeded job was written (or already held that AMI). */
  | { type: "cell-written"; jobId: string; file: string; change: "written" | "unchanged" }
  /** First Ctrl-C: no new build starts; running ones were sent SIGINT and clean up their cloud resources. */
  | { type: "interrupting"; signal: string; cleaningUp: string[]; killAfterMs: number }
  /** Second Ctrl-C: what forcing would leave behind; a third forces. */
  | { type: "force-warning"; cleaningUp: string[] }
  /** The process group was killed before Packer finished cleaning up. */
  | { type: "killed"; jobId: string; reason: "grace-period" | "forced" };

export type RunEventListener = (event: RunEvent) => void;
