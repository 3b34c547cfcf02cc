// The house's rule: no two top-level folders of src/ import each other, directly or around a loop.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const SRC = path.join(import.meta.dirname, "..", "src");
const IMPORT =
  /(?:import|export)[^'"]*?from\s*["'](\.[^"']+)["']|import\s*\(?\s*["'](\.[^"']+)["']/g;

function folderOf(file: string): string | undefined {
  const [first, second] = path.relative(SRC, file).split(path.sep);
  return second === undefined ? undefined : first; // files directly in src/ are not folders
}

function folderArrows(): Map<string, Set<string>> {
  const arrows = new Map<string, Set<string>>();
  const files = readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.join(entry.parentPath, entry.name));
  for (const file of files) {
    const from = folderOf(file);
    if (!from) continue;
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const to = folderOf(path.resolve(path.dirname(file), (match[1] ?? match[2]) as string));
      if (!to || to === from) continue;
      arrows.set(from, (arrows.get(from) ?? new Set()).add(to));
    }
  }
  return arrows;
}

// Every folder from which `start` can be reached again: a loop through it.
function loopThrough(start: string, arrows: Map<string, Set<string>>): string[] | undefined {
  const seen = new Set<string>();
  const walk = (folder: string, trail: string[]): string[] | undefined => {
    for (const next of arrows.get(folder) ?? []) {
      if (next === start) return [...trail, next];
      if (seen.has(next)) continue;
      seen.add(next);
      const loop = walk(next, [...trail, next]);
      if (loop) return loop;
    }
    return undefined;
  };
  return walk(start, [start]);
}

it("has no loop between the folders of src/", () => {
  const arrows = folderArrows();
  expect(arrows.size).toBeGreaterThan(10); // the imports were read
  const loops = [...arrows.keys()]
    .map((folder) => loopThrough(folder, arrows)?.join(" -> "))
    .filter((loop) => loop !== undefined);
  expect(loops).toEqual([]);
});
