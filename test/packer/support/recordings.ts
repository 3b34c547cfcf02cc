// Real Packer 1.6.6 output recorded by test/fixtures/packer-output/record.ts, read the way run-packer
// reads a live process, so tests exercise the same path.
import { readFileSync } from "node:fs";
import { type BuildEvent, createBuildEventDecoder } from "../../../src/packer/build-events.ts";
import { createResultCollector, type PackerRunResult } from "../../../src/packer/collect-result.ts";
import {
  type MachineReadableRecord,
  parseMachineReadableLine,
} from "../../../src/packer/machine-readable.ts";

const folder = new URL("../../fixtures/packer-output/", import.meta.url);

export function recordedText(name: string): string {
  return readFileSync(new URL(`${name}.txt`, folder), "utf8");
}

export function recordedLines(name: string): string[] {
  return recordedText(name)
    .split("\n")
    .filter((line) => line !== "");
}

export function recordedRecords(name: string): MachineReadableRecord[] {
  return recordedLines(name).flatMap((line) => parseMachineReadableLine(line) ?? []);
}

export function recordedEvents(name: string): BuildEvent[] {
  const decode = createBuildEventDecoder();
  return recordedRecords(name).flatMap((record) => decode(record) ?? []);
}

export function recordedResult(name: string): PackerRunResult {
  const collector = createResultCollector();
  for (const event of recordedEvents(name)) collector.add(event);
  const exitCode = Number(readFileSync(new URL(`${name}.exit`, folder), "utf8"));
  return collector.finish({ exitCode });
}
