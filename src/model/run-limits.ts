// How many builds run at once, how often a transient failure is retried, how long Packer may clean up:
// the defaults and the accepted ranges, defined once for the flags, the matrix's `limits` and --help.
// A range is whole numbers (counts) or plain decimals (seconds), from min to max.

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_REGION_CONCURRENCY = 2;
export const DEFAULT_RETRIES = 2;
export const DEFAULT_RETRY_DELAY_SECONDS = 30;
// AWS cleanup (terminate the instance, wait, delete key pair and group) takes minutes.
export const DEFAULT_KILL_AFTER_SECONDS = 900;

export const LIMIT_RANGES = {
  // Each build is a Packer process of ~100 MB and a few EC2 pollers: hundreds would exhaust a runner.
  concurrency: { min: 1, max: 256, integer: true },
  // EC2 throttles per account and region; more than this mostly buys RequestLimitExceeded.
  regionConcurrency: { min: 1, max: 64, integer: true },
  retries: { min: 0, max: 20, integer: true },
  retryDelaySeconds: { min: 0, max: 3_600, integer: false },
  // A day; Node's timers cannot wait longer than ~24.8 days at all.
  killAfterSeconds: { min: 0, max: 86_400, integer: false },
} as const;
