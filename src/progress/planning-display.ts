// Planning as it happens, from the first second: each step (checking Packer, asking AWS, looking up
// source AMIs, validating templates) shows while it runs, with a spinner on a terminal, and leaves a
// line saying what it found. In logs and CI, a timestamped line when a step starts and when it ends.
import { Listr, type ListrTask, type ListrTaskWrapper } from "listr2";
import { type Deferred, deferred } from "./deferred.ts";
import { formatClock } from "./format-clock.ts";
import { type InteractiveRenderer, viewOnlyOptions } from "./listr-options.ts";
import type { ProgressMode } from "./progress-display.ts";

export interface PlanningDisplay {
  start(step: string, title: string): void;
  /** The step's line that stays: what it found. */
  done(step: string, text: string): void;
  failed(step: string, text: string): void;
  /** Steps that never ended leave no line. */
  finish(): Promise<void>;
}

export const PLAN_SUBJECT = "plan";

export function createPlanningDisplay({
  steps,
  mode,
  write,
  stream = process.stdout,
  renderer = "default",
  now = Date.now,
}: {
  /** Every step that may run, in the order their lines should appear. */
  steps: readonly string[];
  mode: ProgressMode;
  /** Plain lines go here. */
  write: (text: string) => void;
  /** The terminal an interactive display draws on. */
  stream?: NodeJS.WriteStream;
  renderer?: InteractiveRenderer;
  now?: () => number;
}): PlanningDisplay {
  if (mode === "plain") {
    const line = (text: string) => write(`${formatClock(now())} ${PLAN_SUBJECT}  ${text}\n`);
    return {
      start: (_step, title) => line(`${title}...`),
      done: (_step, text) => line(text),
      failed: (_step, text) => line(text),
      finish: async () => {},
    };
  }
  return interactivePlanning({ steps, stream, renderer });
}

// biome-ignore lint/suspicious/noExplicitAny: listr2's wrapper type is generic over its renderer classes.
type TaskView = ListrTaskWrapper<unknown, any, any>;
type Ending = { kind: "done" | "failed"; text: string } | { kind: "dropped" };

/** listr2 draws no line for a blank title; a step has one only once it starts. */
const HIDDEN = " ";

function interactivePlanning({
  steps,
  stream,
  renderer,
}: {
  steps: readonly string[];
  stream: NodeJS.WriteStream;
  renderer: InteractiveRenderer;
}): PlanningDisplay {
  const titles = new Map<string, string>();
  const views = new Map<string, TaskView>();
  const endings = new Map<string, Deferred & { ending?: Ending }>(
    steps.map((step) => [step, deferred()]),
  );
  const setTitle = (step: string, title: string) => {
    titles.set(step, title);
    const view = views.get(step);
    if (view && view.title !== title) view.title = title;
  };
  const end = (step: string, ending: Ending) => {
    const waiting = endings.get(step);
    if (!waiting || waiting.ending) return;
    waiting.ending = ending;
    waiting.resolve();
  };
  const tasks: ListrTask[] = steps.map((step) => ({
    title: HIDDEN,
    task: async (_ctx, view) => {
      views.set(step, view);
      setTitle(step, titles.get(step) ?? HIDDEN);
      const waiting = endings.get(step);
      await waiting?.promise;
      const ending = waiting?.ending ?? { kind: "dropped" };
      if (ending.kind === "dropped") {
        view.title = HIDDEN;
        return;
      }
      view.title = ending.text;
      if (ending.kind === "failed") throw new Error(ending.text);
    },
  }));
  const listr = new Listr(tasks, viewOnlyOptions({ stream, renderer, keep: "all" }));
  const rendering = listr.run();
  rendering.catch(() => {});
  let finishing: Promise<void> | undefined;
  return {
    start: (step, title) => setTitle(step, title),
    done: (step, text) => end(step, { kind: "done", text }),
    failed: (step, text) => end(step, { kind: "failed", text }),
    finish() {
      finishing ??= (async () => {
        for (const step of steps) end(step, { kind: "dropped" });
        await rendering;
      })();
      return finishing;
    },
  };
}
