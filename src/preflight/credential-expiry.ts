// Packer is handed the resolved credentials once and cannot refresh them: temporary credentials that
// expire before the last build could finish would fail it halfway, with its instance running.
import { formatDuration } from "../text/durations.ts";

/** A build on AWS: an instance to boot, provisioning, a snapshot; the bundled images take 15–30 min. */
export const ESTIMATED_BUILD_MINUTES = 30;

export function credentialExpiryWarning({
  expiration,
  now,
  jobs,
  concurrency,
  source,
}: {
  expiration: Date | undefined;
  now: number;
  jobs: number;
  concurrency: number;
  /** Where they came from, e.g. `profile ci`. */
  source: string;
}): string | undefined {
  if (!expiration) return undefined;
  const waves = Math.ceil(jobs / Math.max(1, concurrency));
  const runMs = waves * ESTIMATED_BUILD_MINUTES * 60_000;
  const leftMs = expiration.getTime() - now;
  if (leftMs >= runMs) return undefined;
  const at = expiration.toISOString().slice(11, 16);
  return `the AWS credentials (${source}) expire at ${at} UTC, in ${formatDuration(leftMs, "age")}, but ${jobs} builds, ${concurrency} at once, may take about ${formatDuration(runMs, "age")}; Packer cannot refresh them, so a build still running then fails. Get credentials that last longer (a longer role session, or log in again just before the run), or build fewer cells at a time (--only)`;
}
