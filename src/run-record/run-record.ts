// What a run keeps on disk about its attempts while they run: each attempt's job, region and AMI
// name, and what Packer said it made (key pair, security group, instance, AMI). A run that is killed
// (CI cancels, a machine dies) cannot clean up; this record is how `sweep --run` finds exactly what
// it left. Written as things happen, so it is never behind by more than one write.
import path from "node:path";
import { z } from "zod";

export const RUN_RECORD_FILE = "attempts.json";

export function runRecordFile(runDir: string): string {
  return path.join(runDir, RUN_RECORD_FILE);
}

const ProcessSchema = z.object({
  pid: z.number().int(),
  host: z.string(),
  /** Linux: the boot and the start time (clock ticks since boot) tell a reused pid apart. */
  bootId: z.string().optional(),
  startTicks: z.number().optional(),
});

export type ProcessIdentity = z.infer<typeof ProcessSchema>;

/**
 * `running` while Packer runs; `built` once it made the AMI (being verified); `succeeded` once the
 * cell is written; `failed` or `interrupted` otherwise.
 */
export const ATTEMPT_STATES = ["running", "built", "succeeded", "failed", "interrupted"] as const;

export type AttemptState = (typeof ATTEMPT_STATES)[number];

const AttemptSchema = z.object({
  job: z.string(),
  region: z.string(),
  attempt: z.number().int(),
  /** The attempt's AMI name: how its AMI is found even before Packer tags it. */
  amiName: z.string(),
  /** A Spot build: Packer makes a launch template, tagged with the run and job, to find. */
  spot: z.boolean().optional(),
  startedAt: z.string(),
  state: z.enum(ATTEMPT_STATES),
  packer: ProcessSchema.optional(),
  /** As Packer announced them, before it made them. */
  keyPair: z.string().optional(),
  securityGroup: z.string().optional(),
  instanceId: z.string().optional(),
  amiId: z.string().optional(),
});

export type AttemptRecord = z.infer<typeof AttemptSchema>;

const RunRecordSchema = z.object({
  runId: z.string(),
  process: ProcessSchema,
  startedAt: z.string(),
  updatedAt: z.string(),
  /** Each interrupt that counted (copies of one press count once): the first stops, the third forces. */
  interrupts: z.array(z.object({ signal: z.string(), at: z.string() })).default([]),
  /** Set when the run's builds are over; absent while it runs, and after a crash. */
  endedAt: z.string().optional(),
  attempts: z.array(AttemptSchema),
});

export type RunRecord = z.infer<typeof RunRecordSchema>;

/** Undefined when the text is not a run record (the caller names the file). */
export function parseRunRecord(text: string): RunRecord | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = RunRecordSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
