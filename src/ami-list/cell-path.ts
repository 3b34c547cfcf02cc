import path from "node:path";
import { AmiListPathError } from "./errors.ts";

export const INDEX_FILE = "index.json";

// A cell path comes from the matrix; a typo there must not write outside the AMI list or over its index.
export function resolveCellPath(dir: string, file: string): string {
  const problem = cellPathProblem(file);
  if (problem) {
    throw new AmiListPathError(
      `Refusing AMI list cell path "${file}": ${problem}. Use a relative, "/"-separated path such as spark/us-east-1/hvm.`,
    );
  }
  return path.join(dir, ...file.split("/"));
}

function cellPathProblem(file: string): string | undefined {
  if (file === "") return "it is empty";
  if (file.startsWith("/") || path.isAbsolute(file) || /^[a-zA-Z]:/.test(file)) {
    return "it is absolute and would escape the AMI list folder";
  }
  if (file.includes("\\")) return 'it contains "\\"; separate folders with "/"';
  const segments = file.split("/");
  if (segments.includes("..")) return 'it contains ".." and would escape the AMI list folder';
  if (segments.some((segment) => segment === "" || segment === ".")) {
    return 'it has an empty or "." segment';
  }
  if (segments.some((segment) => segment.startsWith("."))) {
    return "a segment starts with '.', and hidden files are left out of the index";
  }
  if (file === INDEX_FILE) return `${INDEX_FILE} is the AMI list's own index`;
  return undefined;
}
