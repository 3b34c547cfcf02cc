// Tags on everything a run creates, so it can be found later (cleanup, verification, prune, sweep).
import type { Job } from "./job.ts";

export const TOOL_NAME = "ami-matrix";

export const TAG = {
  tool: "ami-matrix:tool",
  run: "ami-matrix:run",
  job: "ami-matrix:job",
  image: "ami-matrix:image",
  region: "ami-matrix:region",
  virtualization: "ami-matrix:virtualization",
  /** Digest of everything that decides the AMI's content: equal means nothing to rebuild. */
  fingerprint: "ami-matrix:fingerprint",
} as const;

export function jobTags(job: Job, runId: string, fingerprint?: string): Record<string, string> {
  return {
    ...(fingerprint ? { [TAG.fingerprint]: fingerprint } : {}),
    Name: job.amiName,
    [TAG.tool]: TOOL_NAME,
    [TAG.run]: runId,
    [TAG.job]: job.id,
    [TAG.image]: job.image,
    [TAG.region]: job.region,
    [TAG.virtualization]: job.virtualization,
  };
}
