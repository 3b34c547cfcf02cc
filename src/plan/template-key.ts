// Pure: which rendered templates `packer validate` would judge alike, so each is validated once.
//
// The 32 rendered templates differ only in values: the job's image, region and virtualization, its
// source AMI, in names, tags and descriptions. Two templates get the same key when they are equal once
// comments and layout are dropped and, inside string literals, each such value is replaced by its length, and
// only values made of letters, digits and dashes are replaced. So templates with one key have the same
// blocks and attributes, and their strings differ only by swapping such a value for another of the same
// length. What `packer validate` checks of a string (set or empty, its length, its characters) cannot
// tell them apart; the two things it cannot check offline are checked by the tool itself: regions
// (against the matrix's list, then DescribeRegions) and source AMIs (pinned from DescribeImages).
// A value that appears outside a string literal (a template that builds a block name from the
// region, say) is not replaced, so such templates get keys of their own and are each validated.

const REPLACEABLE = /^[A-Za-z0-9-]+$/;

export function templateKey(text: string, values: readonly string[]): string {
  const replaced = [...new Set(values)]
    .filter((value) => REPLACEABLE.test(value))
    .sort((a, b) => b.length - a.length);
  // Dropping comments leaves code next to code: joined, so layout is judged as a whole.
  const kept: Part[] = [];
  for (const part of hclParts(text)) {
    const last = kept.at(-1);
    if (part.kind === "comment") continue;
    if (part.kind === "code" && last?.kind === "code") last.text += part.text;
    else kept.push({ ...part });
  }
  let key = "";
  for (const part of kept) {
    // Layout is not judged either: blank lines and runs of spaces count once.
    if (part.kind === "code") key += part.text.replace(/\s*\n\s*/g, "\n").replace(/[ \t]+/g, " ");
    else
      key += replaced.reduce(
        (s, value) => s.replaceAll(value, `\u0000${value.length}\u0000`),
        part.text,
      );
  }
  return key;
}

interface Part {
  kind: "code" | "string" | "comment";
  text: string;
}

// Splits HCL into string literals (with their quotes), comments and the rest. Heredocs are left as
// code, so a value inside one keeps the template's key apart: safe, only less sharing.
function hclParts(text: string): Part[] {
  const parts: Part[] = [];
  let code = "";
  let i = 0;
  const flush = () => {
    if (code) parts.push({ kind: "code", text: code });
    code = "";
  };
  while (i < text.length) {
    const char = text[i] as string;
    const two = text.slice(i, i + 2);
    if (char === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"' && text[end] !== "\n")
        end += text[end] === "\\" ? 2 : 1;
      flush();
      parts.push({ kind: "string", text: text.slice(i, end + 1) });
      i = end + 1;
    } else if (char === "#" || two === "//") {
      const end = text.indexOf("\n", i);
      flush();
      parts.push({ kind: "comment", text: text.slice(i, end === -1 ? text.length : end) });
      i = end === -1 ? text.length : end;
    } else if (two === "/*") {
      const end = text.indexOf("*/", i + 2);
      flush();
      parts.push({ kind: "comment", text: text.slice(i, end === -1 ? text.length : end + 2) });
      i = end === -1 ? text.length : end + 2;
    } else {
      code += char;
      i++;
    }
  }
  flush();
  return parts;
}
