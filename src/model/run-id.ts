// Run ids sort by time, fit in AMI names and tags, and differ even for two runs in the same second:
// `20261122T214731Z-e4c2`.
import { randomBytes } from "node:crypto";

export const RUN_ID_PATTERN = /\d{8}T\d{6}Z-[0-9a-f]{4}/;

export function newRunId(
  now: Date = new Date(),
  suffix: string = randomBytes(2).toString("hex"),
): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `${stamp}-${suffix}`;
}
