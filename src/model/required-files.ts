// Where the files a matrix's `requiresFiles` names go on the build instance: each under its own file
// name in one folder only the SSH user can read, which the provisioning scripts find in an environment
// variable. The matrix refuses two files of one cell with the same name, since one would replace the other.
import path from "node:path";

/** The folder on the build instance; removed again before the snapshot is taken. */
export const REQUIRED_FILES_DIR = "/tmp/ami-matrix-files";

/** The environment variable that tells the provisioning scripts where the files are. */
export const REQUIRED_FILES_ENV = "REQUIRED_FILES_DIR";

/** The name a required file has on the instance: its own file name. */
export function requiredFileName(file: string): string {
  return path.posix.basename(file.replaceAll("\\", "/"));
}

/** Where a required file lands on the build instance. */
export function requiredFileDestination(file: string): string {
  return `${REQUIRED_FILES_DIR}/${requiredFileName(file)}`;
}
