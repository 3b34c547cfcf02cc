// Pure: a cell's fingerprint, a digest of everything that decides its AMI's content: the rendered
// template without run-specific values, every provisioning script and file it uses, the pinned source
// AMI, the variables, the build strategy, and the fingerprint of an image it builds on. Nothing in it
// depends on where the checkout lives, so a laptop and a CI runner agree. The inputs are kept beside
// it, so a changed cell can say what changed.
import { createHash } from "node:crypto";

export interface FingerprintInputs {
  /** Digest of the template as rendered with run-specific values (run id, attempt, endpoint) left out. */
  template: string;
  /** Project-relative path → digest of its content, for every script and file the build uses. */
  files: Record<string, string>;
  /** The pinned source AMI id, or `from <job id>` for an image built on another cell's. */
  source: string;
  /** Digest of the job's variables. */
  variables: string;
  strategy: "build" | "copy";
  /** Digest of the --var and --var-file values (secrets by name only), when any are given. */
  packerVariables?: string;
  /** The fingerprint of the image this one builds on. */
  base?: string;
}

export function digest(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

export function fingerprintOf(inputs: FingerprintInputs): string {
  return digest(canonicalJson(inputs));
}

export function variablesDigest(variables: Readonly<Record<string, string>>): string {
  return digest(canonicalJson(variables));
}

// What differs between the inputs a cell's AMI was built from and today's, as a person names it:
// `scripts/spark.sh`, `template`, `source AMI`, `variables`, `strategy`, `base image`.
export function changedInputs(before: FingerprintInputs, now: FingerprintInputs): string[] {
  const changed: string[] = [];
  if (before.template !== now.template) changed.push("template");
  const paths = new Set([...Object.keys(before.files), ...Object.keys(now.files)]);
  for (const file of [...paths].sort())
    if (before.files[file] !== now.files[file]) changed.push(file);
  if (before.source !== now.source) changed.push("source AMI");
  if (before.variables !== now.variables) changed.push("variables");
  if (before.strategy !== now.strategy) changed.push("strategy");
  if (before.packerVariables !== now.packerVariables) changed.push("--var/--var-file values");
  if (before.base !== now.base) changed.push("base image");
  return changed;
}

// Keys sorted at every level, so the same inputs always give the same text.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
