// Pure: which variables a Packer var file sets, and the values in each (the strings and numbers in
// it), so a sensitive one can be masked and a name set twice can be refused. Packer reads a file
// ending in .json as JSON and any other as HCL (`name = value` per line).
import { ConfigError } from "../errors.ts";
import { parseJsonText } from "../text/parse-json.ts";
import { hclTokens } from "./hcl-tokens.ts";

export interface VarFileEntry {
  name: string;
  /** Every string and number in the value, as text. */
  values: string[];
}

export function varFileEntries({ file, text }: { file: string; text: string }): VarFileEntry[] {
  return file.endsWith(".json") ? jsonEntries(file, text) : hclEntries(text);
}

function jsonEntries(file: string, text: string): VarFileEntry[] {
  const parsed = parseJsonText({ file, text });
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ConfigError({
      file,
      problems: ["a JSON var file holds one object: variable name → value"],
    });
  }
  return Object.entries(parsed).map(([name, value]) => ({ name, values: leaves(value) }));
}

function leaves(value: unknown): string[] {
  if (typeof value === "string" || typeof value === "number") return [String(value)];
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(leaves);
  return [];
}

// A top-level `name =` starts an entry, which runs to the next newline outside brackets.
function hclEntries(text: string): VarFileEntry[] {
  const entries: VarFileEntry[] = [];
  let current: VarFileEntry | undefined;
  let lineStart = true;
  const tokens = hclTokens(text);
  for (const [i, token] of tokens.entries()) {
    if (token.kind === "newline" && token.depth === 0) {
      current = undefined;
      lineStart = true;
      continue;
    }
    const next = tokens[i + 1];
    if (lineStart && token.depth === 0 && token.kind === "word" && next?.text === "=") {
      current = { name: token.text, values: [] };
      entries.push(current);
    } else if (current && (token.kind === "string" || /^-?[\d.]+$/.test(token.text))) {
      current.values.push(token.text);
    }
    lineStart = false;
  }
  return entries;
}
