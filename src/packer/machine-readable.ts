// Packer's `-machine-readable` output is CSV-like with its own escapes; every other module reads records
// through this parser so the escaping rules live in one place.

export interface MachineReadableRecord {
  /** Unix time in seconds, as Packer printed it. */
  timestamp: number;
  /** Build name (`amazon-ebs.main`) on `artifact*` and `error` records; empty on `ui` and `error-count`. */
  target: string;
  /** Record type: `ui`, `artifact`, `artifact-count`, `error`, `error-count`, `version`, ... */
  type: string;
  /** Arguments after the type, unescaped. */
  args: string[];
}

const RECORD = /^(\d+),([^,]*),([^,]+)(?:,(.*))?$/s;

const ESCAPES: ReadonlyArray<readonly [escaped: string, raw: string]> = [
  ["%!(PACKER_COMMA)", ","],
  ["\\n", "\n"],
  ["\\r", "\r"],
];

// Returns `undefined` for lines that are not records (stderr chatter, crash output, a half-written line),
// so callers can log them as-is without guessing.
export function parseMachineReadableLine(line: string): MachineReadableRecord | undefined {
  const match = RECORD.exec(line);
  if (!match) return undefined;
  const [, timestamp = "", target = "", type = "", rest] = match;
  return {
    timestamp: Number(timestamp),
    target,
    type,
    args: rest === undefined ? [] : rest.split(",").map(unescapeArgument),
  };
}

// Packer escapes without escaping backslashes, so a literal `\n` in a message cannot be told apart from a
// newline; reading it as a newline is what Packer's own docs intend.
export function unescapeArgument(text: string): string {
  let out = text;
  for (const [escaped, raw] of ESCAPES) out = out.replaceAll(escaped, raw);
  return out;
}

// The form a value takes inside a machine-readable line, so secrets can be found before unescaping.
export function escapeArgument(text: string): string {
  let out = text;
  for (const [escaped, raw] of ESCAPES) out = out.replaceAll(raw, escaped);
  return out;
}
