import { writeFileAtomic } from "../fs/write-file-atomic.ts";
import type { RunReport } from "./build-report.ts";

// Atomic, so a CI step reading the report never sees half of it, even if the run is killed mid-write.
export async function writeReport(file: string, report: RunReport): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
}
