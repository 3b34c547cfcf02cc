// Small pieces of text prune and sweep both print.
import { plural } from "../text/plural.ts";
import { describeDone, describeFailure, type RemovalOutcome } from "./action-log.ts";

// EC2's `2026-11-22T21:50:01.000Z` as `2026-11-22 21:50:01Z`: shorter, and still UTC.
export function displayTime(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$/, "Z");
}

// One line per removal as it went; failures stand out with FAILED.
export function outcomeLines(outcomes: readonly RemovalOutcome[], indent: string): string[] {
  return outcomes.map((o) =>
    o.error === undefined
      ? `${indent}${describeDone(o)}`
      : `${indent}FAILED: ${describeFailure(o)}`,
  );
}

// The end of a run with failures: which, and what re-running does about them.
export function failureLines({
  failures,
  retry,
}: {
  failures: readonly string[];
  retry: string;
}): string[] {
  if (failures.length === 0) return [];
  return [`${plural(failures.length, "action")} failed:`, ...failures.map((f) => `  ${f}`), retry];
}
