// Pure: how an index.json on disk differs from the cell files, in words, for the notice a run prints
// when it rebuilds the index before it starts.
import { plural } from "../text/plural.ts";
import type { AmiListCells } from "./index-format.ts";

const SHOWN = 5;

export function describeIndexDrift(before: string | undefined, found: AmiListCells): string {
  if (before === undefined) return `it was missing (${plural(count(found), "cell")} on disk)`;
  const listed = indexedCells(before);
  if (!listed)
    return `it was not an index ami-matrix reads (${plural(count(found), "cell")} on disk)`;
  const unlisted = Object.keys(found.cells).filter((file) => !(file in listed));
  const orphaned = Object.keys(listed).filter((file) => !(file in found.cells));
  const changed = Object.keys(listed).filter(
    (file) => file in found.cells && listed[file] !== found.cells[file],
  );
  const parts = [
    unlisted.length > 0 &&
      `${plural(unlisted.length, "cell")} missing from it (${names(unlisted)})`,
    orphaned.length > 0 &&
      `${plural(orphaned.length, "entry", "entries")} without a cell file (${names(orphaned)})`,
    changed.length > 0 &&
      `${plural(changed.length, "entry", "entries")} with another AMI id than the file (${names(changed)})`,
  ].filter((part) => typeof part === "string");
  return parts.length > 0 ? parts.join(", ") : "its layout or list of unreadable files differed";
}

function indexedCells(text: string): Record<string, unknown> | undefined {
  try {
    const cells = (JSON.parse(text) as { cells?: unknown } | null)?.cells;
    return cells !== null && typeof cells === "object" && !Array.isArray(cells)
      ? (cells as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function count(found: AmiListCells): number {
  return Object.keys(found.cells).length;
}

function names(files: readonly string[]): string {
  const shown = files.slice(0, SHOWN).join(", ");
  return files.length > SHOWN ? `${shown}, …` : shown;
}
