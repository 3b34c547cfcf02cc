// Pure: HCL text as a flat list of tokens, each with its nesting depth. Enough to find which variables
// a rendered template declares (and which are sensitive) and which names a .pkrvars.hcl file sets;
// Packer itself judges the syntax (`packer validate`), so this never refuses anything.

export interface HclToken {
  kind: "word" | "string" | "punct" | "newline";
  /** A word, a punctuation mark, or a string's value (escapes resolved, interpolations kept). */
  text: string;
  /** How many `{`, `[` and `(` enclose the token. */
  depth: number;
}

const OPENING = new Set(["{", "[", "("]);
const CLOSING = new Set(["}", "]", ")"]);

export function hclTokens(text: string): HclToken[] {
  const tokens: HclToken[] = [];
  let depth = 0;
  let i = 0;
  const push = (kind: HclToken["kind"], value: string) => tokens.push({ kind, text: value, depth });
  while (i < text.length) {
    const c = text[i] as string;
    const rest = text.slice(i, i + 2);
    if (c === "\n") {
      push("newline", "\n");
      i++;
    } else if (c === "#" || rest === "//") {
      i = lineEnd(text, i);
    } else if (rest === "/*") {
      const end = text.indexOf("*/", i + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (c === '"') {
      const { value, end } = readString(text, i + 1);
      push("string", value);
      i = end;
    } else if (rest === "<<" && /^<<-?[A-Za-z_]/.test(text.slice(i, i + 4))) {
      const { value, end } = readHeredoc(text, i);
      push("string", value);
      i = end;
    } else if (/[A-Za-z0-9_.-]/.test(c)) {
      const word = /^[A-Za-z0-9_.-]+/.exec(text.slice(i))?.[0] ?? c;
      push("word", word);
      i += word.length;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      if (CLOSING.has(c)) depth = Math.max(0, depth - 1);
      push("punct", c);
      if (OPENING.has(c)) depth++;
      i++;
    }
  }
  return tokens;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end === -1 ? text.length : end;
}

// From just after the opening quote; `${ … }` and `%{ … }` may hold quotes and braces of their own.
function readString(text: string, from: number): { value: string; end: number } {
  let value = "";
  let i = from;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"' || c === "\n") return { value, end: i + 1 };
    if (c === "\\") {
      const next = text[i + 1] ?? "";
      value += ({ n: "\n", t: "\t", r: "\r" } as Record<string, string>)[next] ?? next;
      i += 2;
    } else if ((c === "$" || c === "%") && text[i + 1] === "{") {
      const end = interpolationEnd(text, i + 2);
      value += text.slice(i, end);
      i = end;
    } else {
      value += c;
      i++;
    }
  }
  return { value, end: i };
}

function interpolationEnd(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length && depth > 0) {
    const c = text[i];
    if (c === '"') i = readString(text, i + 1).end;
    else {
      if (c === "{") depth++;
      else if (c === "}") depth--;
      i++;
    }
  }
  return i;
}

// `<<EOT` or `<<-EOT`, then lines up to one that is the marker alone.
function readHeredoc(text: string, from: number): { value: string; end: number } {
  const marker = /^<<-?([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(from))?.[1] ?? "";
  const lines: string[] = [];
  let i = lineEnd(text, from) + 1;
  while (i < text.length) {
    const end = lineEnd(text, i);
    const line = text.slice(i, end);
    if (line.trim() === marker) return { value: lines.join("\n"), end };
    lines.push(line);
    i = end + 1;
  }
  return { value: lines.join("\n"), end: text.length };
}
