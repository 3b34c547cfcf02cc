// --older-than: a whole number and one unit, or 0. Strict, because a typo here decides what is deleted.
import { UserError } from "../errors.ts";

/** What sweep leaves alone when not told otherwise: anything younger may belong to a run still going. */
export const DEFAULT_OLDER_THAN = "2h";

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function parseOlderThan(text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text);
  if (text === "0") return 0;
  if (!match) {
    throw new UserError(
      `--older-than ${JSON.stringify(text)}: expected a whole number and a unit (s, m, h or d), such as 30m, 2h or 1d, or 0 for everything`,
    );
  }
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

// `2h` back from a number of milliseconds, for the header and reasons.
export function formatThreshold(ms: number): string {
  if (ms === 0) return "0";
  for (const unit of ["d", "h", "m"] as const) {
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms / 1000}s`;
}
