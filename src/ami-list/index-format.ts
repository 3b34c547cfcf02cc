import type { CellBuilds } from "./cell-builds.ts";

/** Every cell found in the AMI list folder, keyed by its `/`-separated path. */
export interface AmiListCells {
  cells: Record<string, string>;
  unreadable: UnreadableCell[];
  /** How the AMIs the cells hold were built, where the index knows. */
  builds?: CellBuilds;
}

export interface UnreadableCell {
  file: string;
  reason: string;
}

// Byte-stable output (sorted keys, no timestamps) so the committed index only changes when a cell does.
export function formatIndex({ cells, unreadable, builds = {} }: AmiListCells): string {
  const sections = [`  "cells": ${formatObject(Object.entries(cells))}`];
  if (Object.keys(builds).length > 0) sections.push(`  "builds": ${stableJson(builds, "  ")}`);
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

// Keys sorted at every level, objects one key a line, so a cell's change is one small diff.
export function stableJson(value: unknown, indent: string): string {
  if (Array.isArray(value)) return JSON.stringify(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => compareCodeUnits(a, b));
  if (entries.length === 0) return "{}";
  const inner = `${indent}  `;
  const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stableJson(v, inner)}`);
  return `{\n${lines.join(",\n")}\n${indent}}`;
}

// Locale-independent, so every machine writes the same index.
export function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
