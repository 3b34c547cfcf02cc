// runs/<run id> holds each job's template, commands and logs. A runs/ that cannot be written is the
// user's to fix (a message, exit 2), and a preparation that fails leaves no half-made run folder behind.
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../errors.ts";

// Failures of writing files, not of Packer: those say what they are themselves.
const FS_CODES = new Set(["EACCES", "EPERM", "EROFS", "ENOSPC", "EEXIST", "ENOTDIR", "EISDIR"]);

export async function prepareRunFolder<T>({
  runDir,
  display = (file) => file,
  fill,
}: {
  runDir: string;
  display?: (file: string) => string;
  /** Writes the folder's files and checks them; on failure the folder is removed. */
  fill: () => Promise<T>;
}): Promise<T> {
  try {
    await mkdir(runDir, { recursive: true });
  } catch (error) {
    throw notWritable({ runDir, display, error });
  }
  try {
    return await fill();
  } catch (error) {
    await rm(runDir, { recursive: true, force: true });
    throw FS_CODES.has((error as NodeJS.ErrnoException).code ?? "")
      ? notWritable({ runDir, display, error })
      : error;
  }
}

function notWritable({
  runDir,
  display,
  error,
}: {
  runDir: string;
  display: (file: string) => string;
  error: unknown;
}): UserError {
  const runs = display(path.dirname(runDir));
  return new UserError(
    `Cannot write the run folder ${display(runDir)}: ${reasonOf(error, runs)}. ami-matrix keeps each run's templates, commands and logs in ${runs}/; make it a folder you can write in.`,
    { cause: error },
  );
}

function reasonOf(error: unknown, runs: string): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EROFS") return "the file system is read-only";
  if (code === "ENOSPC") return "no space left on the device";
  if (code === "EEXIST" || code === "ENOTDIR") return `${runs} or a folder above it is a file`;
  return message;
}
