// Run ids sort by time, fit in AMI names and tags, and differ even for two runs in the same second.
import { randomBytes } from "node:crypto";

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
