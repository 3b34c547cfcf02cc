// A cell path comes from the matrix; a typo there must not write outside the AMI list or over its index.
import path from "node:path";
import { CELL_PATH_ADVICE, cellPathProblem } from "../model/cell-path.ts";
import { AmiListPathError } from "./errors.ts";

export { INDEX_FILE, TERRAFORM_FILE } from "../model/cell-path.ts";

export function resolveCellPath(dir: string, file: string): string {
  const problem = cellPathProblem(file);
  if (problem) {
    throw new AmiListPathError(
      `Refusing AMI list cell path "${file}": ${problem}. ${CELL_PATH_ADVICE}`,
    );
  }
  return path.join(dir, ...file.split("/"));
}
