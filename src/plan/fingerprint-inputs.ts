// Pure: the inputs of one build's fingerprint, from its job and the template rendered with every
// run-specific value (run id, attempt, AMI name, source AMI id, endpoint, checkout path) replaced by
// the same neutral stand-in, so two runs of the same inputs render the same text.
import type { Job } from "../model/job.ts";
import { buildFiles } from "./build-files.ts";
import { digest, type FingerprintInputs, variablesDigest } from "./fingerprint.ts";

export const NEUTRAL = {
  runId: "RUN",
  amiName: "AMI-NAME",
  sourceAmi: "SOURCE-AMI",
  packerDir: "PACKER",
} as const;

export function fingerprintInputs({
  job,
  neutralTemplate,
  fileDigests,
  pinnedSource,
  base,
  packerVariables,
}: {
  job: Job;
  neutralTemplate: string;
  /** Scripts' and required files' digests, by the path the matrix names them with. */
  fileDigests: ReadonlyMap<string, string>;
  pinnedSource: string | undefined;
  base: string | undefined;
  /** Digest of the --var and --var-file values, when any are given. */
  packerVariables?: string;
}): FingerprintInputs {
  return {
    template: digest(neutralTemplate),
    files: Object.fromEntries(
      [...new Set([...buildFiles(job), ...job.requiresFiles])].map((file) => [
        file,
        fileDigests.get(file) ?? "unread",
      ]),
    ),
    source: job.from ? `from ${job.from}` : (pinnedSource ?? "not pinned"),
    variables: variablesDigest(job.variables),
    strategy: job.strategy,
    ...(packerVariables !== undefined ? { packerVariables } : {}),
    ...(base !== undefined ? { base } : {}),
  };
}
