// The last lines a failed job's provisioning printed, read back from its attempt log: what a script said
// before it failed tells more than Packer's "Script exited with non-zero exit status". The log was masked
// as it was written; callers mask again with what they know.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { createBuildEventDecoder } from "./build-events.ts";
import { parseMachineReadableLine } from "./machine-readable.ts";

/** Enough for the last lines of any script; a log can be gigabytes, and only its end is read. */
const WINDOW_BYTES = 256 * 1024;
export const TAIL_LINES = 10;

// Packer 1.6.6 announces each provisioner with one of these steps; the output that follows is the
// provisioner's (stdout as `ui,message`, stderr as `ui,error`), until the next step.
const PROVISIONER_STEP = /^(Provisioning with |Running local shell script|Uploading )/;

/** Pure: the last `count` lines of output of the last provisioner in these log lines. */
export function provisioningTail(
  logLines: Iterable<string>,
  { count = TAIL_LINES, midway = false }: { count?: number; midway?: boolean } = {},
): string[] {
  const decode = createBuildEventDecoder();
  // A window that starts mid-log may start inside a provisioner's output.
  let collecting = midway;
  let output: string[] = [];
  for (const line of logLines) {
    const record = parseMachineReadableLine(line);
    const event = record && decode(record);
    if (!event) continue;
    if (event.kind === "step") {
      collecting = PROVISIONER_STEP.test(event.text);
      if (collecting) output = [];
    } else if (collecting && event.kind === "message" && event.build !== undefined) {
      output.push(...event.text.split("\n"));
    } else if (collecting && event.kind === "ui-error") {
      output.push(...event.text.split("\n"));
    }
    if (output.length > count * 4) output = output.slice(-count);
  }
  return output.slice(-count);
}

/** The tail of the log's last provisioner, or nothing when the log cannot be read or has none. */
export function readProvisioningTail(logFile: string, count = TAIL_LINES): string[] {
  let fd: number | undefined;
  try {
    fd = openSync(logFile, "r");
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - WINDOW_BYTES);
    const buffer = Buffer.alloc(size - start);
    readSync(fd, buffer, 0, buffer.length, start);
    const lines = buffer.toString("utf8").split("\n");
    // The first line of a window that does not start the file is cut.
    if (start > 0) lines.shift();
    return provisioningTail(lines, { count, midway: start > 0 });
  } catch {
    return [];
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** How the tail is shown under a failed job, in the summary and in CI logs. */
export function tailLines(tail: readonly string[], log: string): string[] {
  if (tail.length === 0) return [];
  return [
    `last ${tail.length === 1 ? "line" : `${tail.length} lines`} of its provisioning output (${log}):`,
    ...tail.map((line) => `| ${line}`.trimEnd()),
  ];
}
