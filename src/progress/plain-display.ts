// Progress for logs and CI: one timestamped line per thing that happened, each starting with the time
// then the job id (or `run`), so `grep spark/us-east-1/hvm` tells one job's story.
// The lines are written here rather than by listr2's simple or verbose renderer: those put an icon and
// the task title where the job id must be, and cannot print run-level lines at all.
import { tailLines } from "../packer/provisioning-output.ts";
import { plural } from "../text/plural.ts";

import type { CommonDisplayOptions, ProgressDisplay } from "./display-types.ts";
import { formatClock } from "./format-clock.ts";
import { type PlainLine, plainLines, RUN_SUBJECT } from "./plain-lines.ts";
import { createRunProgress, recordEvent } from "./run-progress.ts";

export interface PlainDisplayOptions extends CommonDisplayOptions {
  /** Receives whole lines, each ending in `\n`. Default: process.stdout. */
  write?: (text: string) => void;
  /** Shown in the first line, e.g. `32 jobs: 8 at once, 2 per region`. */
  limits?: { concurrency: number; regionConcurrency: number };
  /** The last lines of a failed job's provisioning output, masked, read from its log. */
  outputTail?: (log: string) => string[];
}

export function createPlainDisplay({
  jobs,
  maxAttempts,
  now = Date.now,
  formatPath = (file) => file,
  write = (text) => process.stdout.write(text),
  limits,
  outputTail = () => [],
}: PlainDisplayOptions): ProgressDisplay {
  const run = createRunProgress(jobs);
  const subjectWidth = Math.max(RUN_SUBJECT.length, ...jobs.map((job) => job.id.length));
  const print = (lines: readonly PlainLine[]) => {
    if (lines.length === 0) return;
    const time = formatClock(now());
    write(lines.map((line) => formatLine({ line, time, subjectWidth })).join(""));
  };

  print([{ subject: RUN_SUBJECT, text: runStartText(jobs.length, limits) }]);
  return {
    onEvent(event) {
      print(plainLines({ event, run, maxAttempts, formatPath }));
      // A failed job's script output goes under its id, so a CI log says why without the log file.
      if (event.type === "finished" && event.outcome.status === "failed") {
        const { job, log } = event.outcome;
        print(
          tailLines(outputTail(log), formatPath(log)).map((text) => ({ subject: job.id, text })),
        );
      }
      recordEvent(run, event, now());
    },
    finish: async () => {},
  };
}

// A multi-line text (a Packer message, an error) keeps the time and subject on every line.
function formatLine({
  line,
  time,
  subjectWidth,
}: {
  line: PlainLine;
  time: string;
  subjectWidth: number;
}): string {
  const prefix = `${time} ${line.subject.padEnd(subjectWidth)}  `;
  return line.text
    .split(/\r?\n|\r/)
    .map((text) => `${prefix}${text}`.trimEnd())
    .join("\n")
    .concat("\n");
}

function runStartText(count: number, limits: PlainDisplayOptions["limits"]): string {
  const jobs = plural(count, "job");
  if (!limits) return jobs;
  return `${jobs}: ${limits.concurrency} at once, ${limits.regionConcurrency} per region`;
}
