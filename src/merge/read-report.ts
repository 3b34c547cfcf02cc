// Pure: a run report as merge reads it, checked enough to trust what it takes from it (each succeeded
// job's cell and AMI) and to sum reports; every other field is carried along as it is.
import { z } from "zod";
import type { CellBuild } from "../ami-list/cell-builds.ts";
import { isAmiId } from "../ami-list/cell-format.ts";
import { cellPathProblem } from "../model/cell-path.ts";

const JobSchema = z.looseObject({
  id: z.string(),
  image: z.string(),
  region: z.string(),
  virtualization: z.string(),
  status: z.string(),
  amis: z.record(z.string(), z.string()),
  amiListFile: z.string(),
  durationMs: z.number().optional(),
});

const ReportSchema = z.looseObject({
  runId: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  jobs: z.array(JobSchema),
});

export type SourceReport = z.infer<typeof ReportSchema>;
export type SourceJob = z.infer<typeof JobSchema>;

/** The report, or why the text is not one ami-matrix wrote. */
export function readReport(text: string): SourceReport | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { problem: "it is not valid JSON" };
  }
  const parsed = ReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "the file";
    return { problem: `${where}: ${issue?.message ?? "not a run report"}` };
  }
  const writers = new Map<string, SourceJob>();
  for (const job of parsed.data.jobs) {
    if (job.status !== "succeeded") continue;
    const problem = cellProblem(job);
    if (problem) return { problem: `job ${job.id}: ${problem}` };
    const other = writers.get(job.amiListFile);
    if (other && other.amis[other.region] !== job.amis[job.region])
      return { problem: `jobs ${other.id} and ${job.id} both wrote the cell ${job.amiListFile}` };
    writers.set(job.amiListFile, job);
  }
  return parsed.data;
}

function cellProblem(job: SourceJob): string | undefined {
  const pathProblem = cellPathProblem(job.amiListFile);
  if (pathProblem) return `its amiListFile "${job.amiListFile}" cannot be a cell: ${pathProblem}`;
  const ami = job.amis[job.region];
  if (ami === undefined) return `it succeeded without an AMI for its region ${job.region}`;
  if (!isAmiId(ami)) return `"${ami}" is not an AMI id`;
  return undefined;
}

/** The cells a report's succeeded jobs wrote, with how each AMI was built. */
export function cellsOfReport(report: SourceReport): {
  cells: Record<string, string>;
  builds: Record<string, CellBuild>;
} {
  const cells: Record<string, string> = {};
  const builds: Record<string, CellBuild> = {};
  for (const job of report.jobs) {
    if (job.status !== "succeeded") continue;
    const ami = job.amis[job.region] as string;
    cells[job.amiListFile] = ami;
    builds[job.amiListFile] = {
      ami,
      job: job.id,
      image: job.image,
      region: job.region,
      virtualization: job.virtualization,
      ...(job.durationMs !== undefined && { durationMs: job.durationMs }),
    };
  }
  return { cells, builds };
}
