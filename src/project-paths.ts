// The project's own folders are found from this file's location, so the tool works from any directory.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const projectPaths = {
  matrix: path.join(PROJECT_DIR, "matrix", "spark.json"),
  packerDir: path.join(PROJECT_DIR, "packer"),
  amiList: path.join(PROJECT_DIR, "ami-list"),
  runs: path.join(PROJECT_DIR, "runs"),
};

/** A path as the user will read it: relative to where they stand when that is shorter, else absolute. */
export function displayPath(target: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, target);
  return relative === ""
    ? "."
    : relative.startsWith("..") || path.isAbsolute(relative)
      ? target
      : relative;
}
