// Age against the --older-than threshold, the same for every kind of resource sweep looks at.
import { formatThreshold } from "./sweep-duration.ts";

export interface SweepClock {
  /** `2h`, for reasons. */
  threshold: string;
  /** Milliseconds since an ISO time or an epoch time (NaN when unknown). */
  age(time: string | number | undefined): number;
  oldEnough(ageMs: number): boolean;
}

export function sweepClock({ now, olderThanMs }: { now: number; olderThanMs: number }): SweepClock {
  return {
    threshold: formatThreshold(olderThanMs),
    age: (time) => now - (typeof time === "string" ? Date.parse(time) : (time ?? Number.NaN)),
    oldEnough: (ageMs) => olderThanMs === 0 || ageMs >= olderThanMs,
  };
}
