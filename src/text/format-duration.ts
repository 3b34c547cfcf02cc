// Build times range from a skipped job's milliseconds to an hour-long Packer build; show each at a useful
// precision: `0.4s`, `12.3s`, `1m 05s`, `1h 02m 03s`.
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "-";
  const tenths = Math.round(Math.max(0, ms) / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, "0");
  if (hours === 0) return `${minutes}m ${seconds}s`;
  return `${hours}h ${String(minutes).padStart(2, "0")}m ${seconds}s`;
}
