export interface AlignColumnsOptions {
  /** Indexes of columns padded on the left, so numbers line up on their last digit. */
  rightAligned?: readonly number[];
  gap?: number;
}

// Plain-text columns: no colors or box drawing, so the table reads the same in a terminal, a CI log and a file.
export function alignColumns(
  rows: readonly (readonly string[])[],
  { rightAligned = [], gap = 2 }: AlignColumnsOptions = {},
): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        return rightAligned.includes(i) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join(" ".repeat(gap))
      .trimEnd(),
  );
}
