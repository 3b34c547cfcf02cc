import { InvalidAmiIdError } from "./errors.ts";

export type ParsedCell = { ok: true; amiId: string } | { ok: false; reason: string };

// Both AWS formats: the legacy 8 hex digits and today's 17.
const AMI_ID = /^ami-[0-9a-f]{8,17}$/;

export function isAmiId(text: string): boolean {
  return AMI_ID.test(text);
}

// One id and a newline: the smallest diff when a cell changes, and `cat` shows it cleanly.
export function formatCell(amiId: string): string {
  if (!isAmiId(amiId)) {
    throw new InvalidAmiIdError(
      `Refusing to store "${amiId}" in the AMI list: expected an AMI id like ami-0123456789abcdef0.`,
    );
  }
  return `${amiId}\n`;
}

// Accepts what people and older versions left behind (no newline, CRLF, BOM) but never guesses.
export function parseCell(text: string): ParsedCell {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, reason: "empty file" };
  const lines = trimmed.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (lines.length > 1) {
    return { ok: false, reason: `${lines.length} lines, expected a single AMI id` };
  }
  if (!isAmiId(trimmed)) return { ok: false, reason: `not an AMI id: ${quoteShort(trimmed)}` };
  return { ok: true, amiId: trimmed };
}

function quoteShort(text: string): string {
  const max = 40;
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
