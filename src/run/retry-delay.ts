// Exponential backoff with jitter, so 32 throttled builds do not all come back in the same second.
export function retryDelayMs({
  retryNumber,
  baseMs,
  random = Math.random,
}: {
  /** 1 for the first retry. */
  retryNumber: number;
  baseMs: number;
  random?: () => number;
}): number {
  const exponential = baseMs * 2 ** (retryNumber - 1);
  return Math.round(exponential * (1 + random() / 2));
}
