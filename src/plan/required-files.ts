// Pure: what a cell's `requiresFiles` means for the plan. A cell whose files are not all in the project
// is skipped, with the missing files named, and so is every cell that needs a skipped one (a layered
// image, a copy); a cell whose files are there uploads them with Packer's file provisioner, by path,
// so their content is never in a template, a command or the run folder.
import path from "node:path";
import { neededJobIds } from "../matrix/cell-dependencies.ts";
import { isCopyJob, type Job } from "../model/job.ts";
import {
  REQUIRED_FILES_DIR,
  REQUIRED_FILES_ENV,
  requiredFileDestination,
} from "../model/required-files.ts";
import { shellQuote } from "../text/shell-quote.ts";

/** Job id → why it is skipped: `missing packer/secrets/license, …` or `needs x/us-east-1/hvm, which is skipped`. */
export function skippedForMissingFiles(
  jobs: readonly Job[],
  /** Paths as the matrix names them (relative to packer/) that are not in the project. */
  missing: ReadonlySet<string>,
): Map<string, string> {
  const byId = new Map(jobs.map((job) => [job.id, job]));
  const reasons = new Map<string, string | undefined>();
  const reasonFor = (job: Job): string | undefined => {
    if (reasons.has(job.id)) return reasons.get(job.id);
    reasons.set(job.id, undefined); // a loop is the matrix rules' to refuse; stop here
    // A copy uploads nothing: it is skipped only when the build it copies is.
    const files = isCopyJob(job) ? [] : [...new Set(job.requiresFiles)];
    const absent = files.filter((file) => missing.has(file));
    let reason =
      absent.length > 0
        ? `missing ${absent.map((file) => `packer/${file}`).join(", ")}`
        : undefined;
    for (const id of neededJobIds(job)) {
      const needed = byId.get(id);
      if (reason === undefined && needed && reasonFor(needed) !== undefined)
        reason = `needs ${id}, which is skipped`;
    }
    reasons.set(job.id, reason);
    return reason;
  };
  const skipped = new Map<string, string>();
  for (const job of jobs) {
    const reason = reasonFor(job);
    if (reason !== undefined) skipped.set(job.id, reason);
  }
  return skipped;
}

export interface RequiredFileUpload {
  /** The file in the project, absolute: what Packer's file provisioner reads. */
  source: string;
  /** Where it lands on the build instance. */
  destination: string;
}

/** What the template needs to upload a job's files, and remove them before the snapshot. */
export function requiredFilesContext(job: Job, packerDir: string) {
  const uploads: RequiredFileUpload[] = [...new Set(job.requiresFiles)].map((file) => ({
    source: path.join(packerDir, file),
    destination: requiredFileDestination(file),
  }));
  return {
    requiredFiles: uploads,
    /** Made before the uploads, readable by the SSH user alone. */
    requiredFilesPrepare: [`mkdir -m 700 -p ${REQUIRED_FILES_DIR}`],
    /** After the scripts: nothing uploaded stays in the image unless a script put it somewhere. */
    requiredFilesRemove: [`rm -rf ${REQUIRED_FILES_DIR}`],
    /** A rehearsal uploads nothing, but checks that what a build would upload is there. */
    requiredFilesCheck: uploads.map((upload) => `test -r ${shellQuote(upload.source)}`),
    requiredFilesEnvironment:
      uploads.length > 0 ? [`${REQUIRED_FILES_ENV}=${REQUIRED_FILES_DIR}`] : [],
  };
}
