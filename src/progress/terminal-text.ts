// Columns a line takes on a terminal, and cutting it to fit, without string-width: the live display
// measures every line it draws, and its lines are nearly all ASCII, which this measures in one pass.

// Wide (two-column) ranges: CJK, Hangul, full-width forms, emoji. Rough on purpose: a rare misjudged
// character costs one column of the cut, never a broken frame, since every line is cut short of the edge.
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

const PLAIN = /^[\x20-\x7e]*$/;
const CONTROL = /\p{Cc}/gu;

/** Control characters (tabs, escapes, line breaks) become spaces, so a line's width is what it shows. */
export function printable(text: string): string {
  return text.replace(CONTROL, " ");
}

export function isPlainAscii(text: string): boolean {
  return PLAIN.test(text);
}

export function charWidth(codePoint: number): number {
  if (codePoint < 0x300) return 1;
  // Combining marks, zero-width spaces and joiners, variation selectors.
  if (
    (codePoint >= 0x300 && codePoint <= 0x36f) ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f)
  )
    return 0;
  for (const [from, to] of WIDE) if (codePoint >= from && codePoint <= to) return 2;
  return 1;
}

export function displayWidth(text: string): number {
  if (isPlainAscii(text)) return text.length;
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0) ?? 0);
  return width;
}

/** At most `width` columns; a cut line ends in `…`. */
export function truncateToWidth(text: string, width: number): string {
  if (width <= 0) return "";
  if (isPlainAscii(text)) return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
  if (displayWidth(text) <= width) return text;
  let used = 0;
  let cut = "";
  for (const char of text) {
    const next = charWidth(char.codePointAt(0) ?? 0);
    if (used + next > width - 1) break;
    cut += char;
    used += next;
  }
  return `${cut}…`;
}
