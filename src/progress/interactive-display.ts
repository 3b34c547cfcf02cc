// Progress on a terminal: listr2 with FrameRenderer, used as a view only, one line per job in flight
// (running, verifying, or waiting to retry). Each job is a listr2 task that waits for the job's
// `finished` event; its line is rewritten from the events and by a once-a-second ticker (elapsed
// times, countdowns). Queued and finished jobs are counted in the bottom line, with any Ctrl-C notice;
// a failed job leaves its line above the frame.
import { Listr, type ListrTask, type ListrTaskWrapper } from "listr2";
import type { RunEvent } from "../run/run-events.ts";
import { countJobsLine } from "./count-jobs.ts";
import { type Deferred, deferred } from "./deferred.ts";
import type { CommonDisplayOptions, ProgressDisplay } from "./display-types.ts";
import { jobEnding } from "./job-ending.ts";
import { type InteractiveRenderer, viewOnlyOptions } from "./listr-options.ts";
import { liveStatus } from "./live-status.ts";
import { runNotice } from "./run-notices.ts";
import { createRunProgress, type JobProgress, recordEvent } from "./run-progress.ts";

export interface InteractiveDisplayOptions extends CommonDisplayOptions {
  /** Where the display draws. Default: process.stdout. */
  stream?: NodeJS.WriteStream;
  /** `test` and `silent` exist for tests; a run always uses `default`. */
  renderer?: InteractiveRenderer;
}

// biome-ignore lint/suspicious/noExplicitAny: listr2's wrapper type is generic over its renderer classes.
type TaskView = ListrTaskWrapper<unknown, any, any>;

const TICK_MS = 1000;
/** listr2 draws no line for a blank title (an empty one would make the task title-less). */
const HIDDEN_LINE = " ";

export function createInteractiveDisplay({
  jobs,
  maxAttempts,
  now = Date.now,
  stream = process.stdout,
  renderer = "default",
}: InteractiveDisplayOptions): ProgressDisplay {
  const run = createRunProgress(jobs);
  const idWidth = Math.max(0, ...jobs.map((job) => job.id.length));
  const line = (job: JobProgress, text: string) => `${job.id.padEnd(idWidth)}  ${text}`;
  const liveLine = (job: JobProgress, at: number) =>
    job.phase === "waiting"
      ? HIDDEN_LINE
      : line(job, liveStatus({ job, run, now: at, maxAttempts }));
  const statusText = (at: number) =>
    [countJobsLine(run), runNotice(run, at)].filter(Boolean).join("\n");

  const views = new Map<string, TaskView>();
  const jobDone = new Map<string, Deferred>(jobs.map((job) => [job.id, deferred()]));
  const runDone = deferred();
  let statusView: TaskView | undefined;

  // A title set is cheap (the renderer only notes that it must draw), but 32 lines per Packer line
  // add up: an event rewrites its own job's line, the ticker and run-wide events rewrite them all.
  const refresh = (only?: string) => {
    const at = now();
    for (const [id, view] of views) {
      const job = run.jobs.get(id);
      if (job && (only === undefined || id === only)) setTitle(view, liveLine(job, at));
    }
    if (statusView) setOutput(statusView, statusText(at));
  };

  const jobTask = (job: JobProgress): ListrTask => ({
    title: liveLine(job, now()),
    task: async (_ctx, view) => {
      views.set(job.id, view);
      setTitle(view, liveLine(job, now()));
      await jobDone.get(job.id)?.promise;
      views.delete(job.id);
      const ending = jobEnding(job, { interrupted: run.interrupt !== undefined });
      const text = line(job, ending.text);
      setTitle(view, text);
      // The id is in the message, so the failed line names its job whatever the renderer shows.
      if (ending.kind === "failed") throw new Error(text);
      if (ending.kind === "skipped") view.skip(text);
    },
  });

  // No title: listr2 shows a title-less task's output in the bottom bar.
  const statusTask: ListrTask = {
    task: async (_ctx, view) => {
      statusView = view;
      setOutput(view, statusText(now()));
      await runDone.promise;
      statusView = undefined;
    },
  };

  const listr = new Listr(
    [...[...run.jobs.values()].map(jobTask), statusTask],
    viewOnlyOptions({ stream, renderer, keep: "failed" }),
  );
  const rendering = listr.run();
  // Awaited by finish(); until then a failure must not surface as an unhandled rejection.
  rendering.catch(() => {});
  const ticker = setInterval(() => refresh(), TICK_MS);
  ticker.unref();

  let finishing: Promise<void> | undefined;
  return {
    onEvent(event) {
      recordEvent(run, event, now());
      if (event.type === "finished") {
        jobDone.get(event.outcome.job.id)?.resolve();
      }
      refresh(jobEventId(event));
    },
    finish() {
      finishing ??= (async () => {
        clearInterval(ticker);
        for (const done of jobDone.values()) done.resolve();
        runDone.resolve();
        await rendering;
      })();
      return finishing;
    },
  };
}

// The job whose line alone an event changes; run-wide events (Ctrl-C) change every line.
function jobEventId(event: RunEvent): string | undefined {
  if (event.type === "step" || event.type === "started" || event.type === "verifying")
    return event.jobId;
  if (event.type === "queued" || event.type === "retrying" || event.type === "killed")
    return event.jobId;
  return undefined;
}

function setTitle(view: TaskView, title: string): void {
  if (view.title !== title) view.title = title;
}

function setOutput(view: TaskView, output: string): void {
  if (view.output !== output) view.output = output;
}
