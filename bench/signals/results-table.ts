// The loop's figures: one line per try as it ends, and a table of passes per case at the end.
import type { TryResult } from "./one-try.ts";

export function tryLine(r: TryResult): string {
  const left = r.leftovers
    ? Object.entries(r.leftovers)
        .filter(([, n]) => n > 0)
        .map(([what, n]) => `${n} ${what}`)
        .join(" ")
    : "";
  return [
    r.ok ? "ok  " : "FAIL",
    `${r.launcher} ${r.signal} #${r.index}:`,
    r.hung ? "HUNG" : `exit ${r.exitCode ?? "-"} in ${((r.exitMs ?? 0) / 1000).toFixed(1)} s`,
    r.reportWritten ? (r.reportClean ? "report ok" : "report NOT clean") : "no report",
    `packer left ${r.packerLeft}`,
    `processes left ${r.processesLeft}`,
    ...(r.endedAfterExit !== undefined
      ? [
          r.endedAfterExit === "never"
            ? "still running long after"
            : `they ended ${(r.endedAfterExit / 1000).toFixed(1)} s after the signal`,
        ]
      : []),
    left ? `endpoint: ${left}` : "endpoint clean",
    r.slow ? "SLOW (looked into while it ran)" : "",
    r.note ?? "",
  ]
    .filter(Boolean)
    .join(", ");
}

export function resultsTable(results: readonly TryResult[]): string {
  const cases = new Map<string, TryResult[]>();
  for (const r of results) {
    const key = `${r.launcher} / ${r.signal}`;
    cases.set(key, [...(cases.get(key) ?? []), r]);
  }
  const rows = [...cases].map(([key, tries]) => {
    const ok = tries.filter((t) => t.ok).length;
    const hung = tries.filter((t) => t.hung).length;
    const times = tries.flatMap((t) => (t.exitMs !== undefined ? [t.exitMs / 1000] : []));
    const slowest = times.length > 0 ? `${Math.max(...times).toFixed(1)} s` : "-";
    return `${key.padEnd(34)} ${`${ok}/${tries.length}`.padStart(6)} ${String(hung).padStart(5)}  ${slowest}`;
  });
  return [
    `${"case".padEnd(34)} ${"ok".padStart(6)} ${"hung".padStart(5)}  slowest exit`,
    ...rows,
  ].join("\n");
}
