// Every duration the tool prints, in one of three precisions:
// - `clock`: a live clock that ticks once a second, in whole seconds: `0s`, `42s`, `1m 05s`, `1h 02m 03s`;
// - `tenths`: build times, from a skipped job's milliseconds to an hour: `0.4s`, `12.3s`, `1m 05s`;
// - `age`: how old a cloud resource is: `45s`, `12m`, `3h 05m`, `2d 4h`.
export type DurationStyle = "clock" | "tenths" | "age";

export function formatDuration(ms: number, style: DurationStyle): string {
  if (!Number.isFinite(ms))
    return style === "clock" ? "0s" : style === "age" ? "an unknown time" : "-";
  const positive = Math.max(0, ms);
  if (style === "age") return formatAge(positive);
  if (style === "tenths") {
    const tenths = Math.round(positive / 100);
    if (tenths < 600) return `${(tenths / 10).toFixed(1)}s`;
    return hoursMinutesSeconds(Math.round(positive / 1000));
  }
  return hoursMinutesSeconds(Math.floor(positive / 1000));
}

// A wait is announced by what is left of it, so a 30.2s delay reads `31s`, never `30s` then nothing.
export function formatRemaining(ms: number): string {
  return formatDuration(Math.ceil(Math.max(0, ms) / 1000) * 1000, "clock");
}

function hoursMinutesSeconds(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours === 0 && minutes === 0) return `${seconds}s`;
  const paddedSeconds = `${String(seconds).padStart(2, "0")}s`;
  if (hours === 0) return `${minutes}m ${paddedSeconds}`;
  return `${hours}h ${String(minutes).padStart(2, "0")}m ${paddedSeconds}`;
}

function formatAge(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.floor(ms / 1000)}s`;
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, "0")}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}
