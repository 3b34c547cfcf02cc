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
