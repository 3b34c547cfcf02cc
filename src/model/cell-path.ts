// The one rule for where a cell may live in the AMI list. The matrix's amiListPath is checked with it at
// plan time, and the writer checks it again, so a path the writer would refuse never reaches a build.
import path from "node:path";

export const INDEX_FILE = "index.json";
/** The Terraform module file kept beside the index (see ami-list/terraform-outputs.ts). */
export const TERRAFORM_FILE = "amis.tf.json";

/** Why `file` (relative, `/`-separated) cannot be a cell of the AMI list, or undefined when it can. */
export function cellPathProblem(file: string): string | undefined {
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
  if (file === TERRAFORM_FILE) return `${TERRAFORM_FILE} is the AMI list's Terraform outputs`;
  return undefined;
}

export const CELL_PATH_ADVICE = 'Use a relative, "/"-separated path such as spark/us-east-1/hvm.';
