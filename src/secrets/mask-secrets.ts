// Every line we log or show passes through a masker first; src/secrets/secret-values.ts decides what
// it hides.
import { MIN_SECRET_LENGTH } from "./secret-values.ts";

export const MASK = "***";

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

/**
 * A copy of `value` with every string in its arrays and plain objects masked: events and outcomes on
 * their way out of a run. Other objects are passed as they are.
 */
export function maskStrings<T>(value: T, mask: Masker): T {
  if (typeof value === "string") return mask(value) as T;
  if (Array.isArray(value)) return value.map((item) => maskStrings(item, mask)) as T;
  if (
    value !== null &&
    typeof value === "object" &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, maskStrings(item, mask)]),
    ) as T;
  }
  return value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
