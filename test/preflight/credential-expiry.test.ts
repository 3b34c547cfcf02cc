import { expect, it } from "vitest";
import { credentialExpiryWarning } from "../../src/preflight/credential-expiry.ts";

const now = Date.parse("2026-11-30T12:00:00Z");
const inMinutes = (m: number) => new Date(now + m * 60_000);

it("warns only when temporary credentials end before the run's waves of builds could", () => {
  const common = { now, jobs: 32, concurrency: 8, source: "profile ci" };
  // 32 builds, 8 at once: 4 waves of ~30 minutes.
  expect(credentialExpiryWarning({ ...common, expiration: inMinutes(150) })).toBeUndefined();
  expect(credentialExpiryWarning({ ...common, expiration: undefined })).toBeUndefined();
  expect(credentialExpiryWarning({ ...common, expiration: inMinutes(60) })).toBe(
    "the AWS credentials (profile ci) expire at 13:00 UTC, in 1h 00m, but 32 builds, 8 at once, may take about 2h 00m; Packer cannot refresh them, so a build still running then fails. Get credentials that last longer (a longer role session, or log in again just before the run), or build fewer cells at a time (--only)",
  );
  expect(
    credentialExpiryWarning({ ...common, jobs: 4, expiration: inMinutes(60) }),
  ).toBeUndefined();
});
