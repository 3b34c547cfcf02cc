// A clock that ticks once a second reads best in whole seconds: `0s`, `42s`, `1m 05s`, `1h 02m 03s`.
export function formatElapsed(ms: number): string {
  const totalSeconds = Number.isFinite(ms) ? Math.floor(Math.max(0, ms) / 1000) : 0;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours === 0 && minutes === 0) return `${seconds}s`;
  const paddedSeconds = `${String(seconds).padStart(2, "0")}s`;
  if (hours === 0) return `${minutes}m ${paddedSeconds}`;
  return `${hours}h ${String(minutes).padStart(2, "0")}m ${paddedSeconds}`;
}

// A wait is announced by what is left of it, so a 30.2s delay reads `31s`, never `30s` then nothing.
export function formatRemaining(ms: number): string {
  return formatElapsed(Math.ceil(Math.max(0, ms) / 1000) * 1000);
}
