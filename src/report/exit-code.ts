import type { JobOutcome } from "../model/job.ts";

/** 128 + SIGINT, what shells report for a command stopped with Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

// CI must fail when any cell failed; a skipped cell (already built) is fine; Ctrl-C wins over both.
export function exitCodeFor(
  outcomes: readonly JobOutcome[],
  { interrupted }: { interrupted: boolean },
): 0 | 1 | 130 {
  if (interrupted || outcomes.some((o) => o.status === "interrupted")) return EXIT_INTERRUPTED;
  return outcomes.some((o) => o.status === "failed") ? 1 : 0;
}
