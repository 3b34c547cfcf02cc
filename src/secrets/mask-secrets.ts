// Packer before 1.15.1 prints `sensitive` variables in clear text, so every line we log or show passes
// through a masker first.
import { escapeArgument } from "../packer/machine-readable.ts";

export const MASK = "***";

/**
 * Secrets shorter than this are not masked: replacing every "ab" or "1" in a log would make it unreadable
 * while hiding almost nothing. Callers that accept secrets should reject shorter ones up front.
 */
export const MIN_SECRET_LENGTH = 4;

export type Masker = (text: string) => string;

// Masks both the value and the form it takes inside a raw machine-readable line (a comma there is
// `%!(PACKER_COMMA)`), longest first so a secret that contains another is masked whole.
export function createMasker(secrets: readonly string[]): Masker {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(escapeArgument(secret));
  }
  if (forms.size === 0) return (text) => text;
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(alternatives.join("|"), "g");
  return (text) => text.replace(pattern, MASK);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
