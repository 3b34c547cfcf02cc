// Packer before 1.15.1 prints `sensitive` variables in clear text, so every line we log or show passes
// through a masker first.

export const MASK = "***";

/**
 * Secrets shorter than this are not masked: replacing every "ab" or "1" in a log would make it unreadable
 * while hiding almost nothing. Callers that accept secrets should reject shorter ones up front.
 */
export const MIN_SECRET_LENGTH = 4;

export type Masker = (text: string) => string;

// Longest first, so a secret that contains another is masked whole. `forms` gives the other shapes a
// value takes where it is printed (inside a Packer machine-readable line, a comma is `%!(PACKER_COMMA)`).
export function createMasker(
  secrets: readonly string[],
  { forms: formsOf = (secret) => [secret] }: { forms?: (secret: string) => string[] } = {},
): Masker {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    for (const form of formsOf(secret)) forms.add(form);
  }
  if (forms.size === 0) return (text) => text;
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(alternatives.join("|"), "g");
  return (text) => text.replace(pattern, MASK);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
