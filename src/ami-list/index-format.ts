/** Every cell found in the AMI list folder, keyed by its `/`-separated path. */
export interface AmiListCells {
  cells: Record<string, string>;
  unreadable: UnreadableCell[];
}

export interface UnreadableCell {
  file: string;
  reason: string;
}

// Byte-stable output (sorted keys, no timestamps) so the committed index only changes when a cell does.
export function formatIndex({ cells, unreadable }: AmiListCells): string {
  const sections = [`  "cells": ${formatObject(Object.entries(cells))}`];
  if (unreadable.length > 0) {
    const reasons = unreadable.map(({ file, reason }): [string, string] => [file, reason]);
    sections.push(`  "unreadable": ${formatObject(reasons)}`);
  }
  return `{\n${sections.join(",\n")}\n}\n`;
}

// Written by hand rather than JSON.stringify, which would put integer-like keys first.
function formatObject(entries: [string, string][]): string {
  if (entries.length === 0) return "{}";
  const lines = [...entries]
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([key, value]) => `    ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return `{\n${lines.join(",\n")}\n  }`;
}

// Locale-independent, so every machine writes the same index.
export function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
