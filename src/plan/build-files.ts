// The project files under packer/ that go into a build: its scripts, then its user data file. Their
// content is part of the cell's fingerprint, and preflight checks they exist.
import type { Job } from "../model/job.ts";

export function buildFiles(job: Pick<Job, "scripts" | "userDataFile">): string[] {
  return [...job.scripts, ...(job.userDataFile ? [job.userDataFile] : [])];
}
