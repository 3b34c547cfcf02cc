// What a progress display and a result collector need from Packer's records, without either knowing
// Packer's record types or its `==> build: ` decorations.
import type { MachineReadableRecord } from "./machine-readable.ts";

export type BuildEvent =
  /** A build step, e.g. "Launching a source AWS instance...". */
  | { kind: "step"; build: string; text: string }
  /** Detail under a step, or one of Packer's own summary lines (then `build` is absent). */
  | { kind: "message"; build?: string; text: string }
  | { kind: "ui-error"; text: string }
  | { kind: "artifact"; build: string; builderId: string; id: string }
  | { kind: "error"; target: string; message: string }
  | { kind: "error-count"; count: number };

const STEP = /^==> ([^\s:]+): ([\s\S]*)$/;
const DETAIL = /^\s+([^\s:]+): ([\s\S]*)$/;
const BUILD_PREFIX_PER_LINE = /^==> [^\s:]+: /gm;

// Stateful only to pair `artifact,I,id` with the `artifact,I,builder-id` line printed just before it;
// returns a function that maps each record, in order, to at most one event.
export function createBuildEventDecoder(): (
  record: MachineReadableRecord,
) => BuildEvent | undefined {
  const builderIds = new Map<string, string>();
  return (record) => {
    const { type, target, args } = record;
    const [first = "", second = "", third = ""] = args;
    if (type === "ui") return uiEvent(first, second);
    if (type === "error") return { kind: "error", target, message: first };
    if (type === "error-count") return { kind: "error-count", count: Number(first) };
    if (type === "artifact" && second === "builder-id") builderIds.set(`${target}#${first}`, third);
    if (type === "artifact" && second === "id") {
      const builderId = builderIds.get(`${target}#${first}`) ?? "";
      return { kind: "artifact", build: target, builderId, id: third };
    }
    return undefined;
  };
}

// Steps carry a `==> build: ` prefix; Packer's closing summary ("Build 'x' finished", "Builds finished")
// does not, and is reported as a message so the last step stays the one the build was really in.
function uiEvent(level: string, raw: string): BuildEvent | undefined {
  const text = raw.trim();
  if (level === "say") {
    const step = STEP.exec(text);
    if (step) return { kind: "step", build: step[1] ?? "", text: step[2] ?? "" };
    return { kind: "message", text: text.replace(/^(==>|-->) /, "") };
  }
  if (level === "message") {
    const detail = DETAIL.exec(raw);
    if (detail) return { kind: "message", build: detail[1] ?? "", text: (detail[2] ?? "").trim() };
    return { kind: "message", text };
  }
  if (level === "error") return { kind: "ui-error", text: text.replace(BUILD_PREFIX_PER_LINE, "") };
  return undefined;
}

const REGION_AMI = /^([a-z][a-z0-9-]*):(ami-[0-9a-z]+)$/;

// amazon-ebs reports its AMIs as one artifact id, `region:ami` pairs joined by commas; anything else
// (a null or file artifact, a manifest's id) yields no AMIs rather than an error.
export function amisFromArtifactId(id: string): Record<string, string> {
  const amis: Record<string, string> = {};
  for (const pair of id.split(",")) {
    const match = REGION_AMI.exec(pair.trim());
    if (match?.[1] && match[2]) amis[match[1]] = match[2];
  }
  return amis;
}
