// Plain lines are stamped `HH:MM:SS` in UTC: CI runners log in UTC, and the same input always gives
// the same line, whatever the machine's time zone.
export function formatClock(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 19);
}
