// Plain aligned columns for terminals and logs alike; the header is the first row.
export function formatTable(
  rows: readonly (readonly string[])[],
  { gap = 2 }: { gap?: number } = {},
): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + gap)))
        .join("")
        .trimEnd(),
    )
    .join("\n");
}
