// listr2's renderer for a terminal, made cheap: listr2's own default renderer draws the whole list again,
// measuring every line with string-width, on every title change and every spinner tick, which cost a
// 32-job run most of its CPU and megabytes of output. This one draws at a bounded rate, only when
// something changed or a spinner turns, through a frame that rewrites only the changed characters.
// Finished tasks leave the frame: the ones worth keeping are written once above it, the rest are
// counted by whoever owns the bottom lines.
import {
  color,
  figures,
  type ListrEventManager,
  ListrEventType,
  type ListrLogger,
  type ListrRenderer,
  type ListrTaskObject,
  Spinner,
} from "listr2";
import { createLiveFrame, type FrameLine, type LiveFrame } from "./live-frame.ts";

export interface FrameRendererOptions {
  /** Its process output is where the frame is written; other writes wait until the end. */
  logger?: ListrLogger;
  /** The terminal, for its size at each frame. */
  stream?: Pick<NodeJS.WriteStream, "columns" | "rows">;
  /** Finished tasks that leave a line: all of them (planning steps) or only failed ones (jobs). */
  keep?: "all" | "failed";
  /** At most one frame per this many milliseconds. */
  intervalMs?: number;
}

// biome-ignore lint/suspicious/noExplicitAny: listr2's task type is generic over its renderer classes.
type Task = ListrTaskObject<any, any, any>;

export const FRAME_INTERVAL_MS = 120;

export class FrameRenderer implements ListrRenderer {
  static nonTTY = false;
  static rendererOptions: FrameRendererOptions = {};
  static rendererTaskOptions: Record<PropertyKey, never> = {};

  private readonly spinner = new Spinner();
  private readonly kept = new Set<string>();
  private readonly frame: LiveFrame;
  private readonly refresh = () => {
    this.dirty = true;
  };
  private readonly stream: Pick<NodeJS.WriteStream, "columns" | "rows">;
  private dirty = true;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly tasks: readonly Task[],
    private readonly options: FrameRendererOptions,
    private readonly events?: ListrEventManager,
  ) {
    const stream = options.stream ?? process.stdout;
    this.stream = stream;
    const output = options.logger?.process;
    this.frame = createLiveFrame({
      write: (text) => (output ? output.toStdout(text, false) : process.stdout.write(text)),
      columns: () => stream.columns || 80,
      rows: () => stream.rows || 24,
    });
  }

  render(): void {
    this.options.logger?.process.hijack();
    this.events?.on(ListrEventType.SHOULD_REFRESH_RENDER, this.refresh);
    this.timer = setInterval(() => this.tick(), this.options.intervalMs ?? FRAME_INTERVAL_MS);
    this.timer.unref();
    this.tick();
  }

  end(): void {
    clearInterval(this.timer);
    this.events?.off(ListrEventType.SHOULD_REFRESH_RENDER, this.refresh);
    this.draw();
    this.options.logger?.process.release();
  }

  private tick(): void {
    const spinning = this.tasks.some((task) => shownLive(task) && task.isStarted());
    if (!this.dirty && !spinning) return;
    if (spinning) this.spinner.spin();
    this.draw();
  }

  private draw(): void {
    this.dirty = false;
    const above: FrameLine[] = [];
    const lines: FrameLine[] = [];
    const bottom: FrameLine[] = [];
    for (const task of this.tasks) {
      if (!task.isEnabled()) continue;
      if (!task.hasTitle()) {
        for (const text of (task.output ?? "").split("\n").filter(Boolean))
          bottom.push({ icon: figures.pointerSmall, text });
      } else if (task.hasFinalized()) {
        if (this.kept.has(task.id) || !this.keeps(task)) continue;
        this.kept.add(task.id);
        above.push(finishedLine(task));
      } else if (shownLive(task)) {
        const icon = task.isStarted()
          ? color.yellow(this.spinner.fetch())
          : figures.squareSmallFilled;
        lines.push({ icon, text: task.title ?? "" });
      }
    }
    this.frame.update([...this.fitted(lines, bottom.length), ...bottom], above);
  }

  // The frame must fit the screen: the bottom lines stay, task lines beyond the room are counted.
  private fitted(lines: FrameLine[], bottom: number): FrameLine[] {
    if (lines.length === 0) return [];
    const room = (this.stream.rows || 24) - 1 - (bottom > 0 ? bottom + 1 : 0);
    const shown =
      lines.length <= room
        ? lines
        : [
            ...lines.slice(0, Math.max(0, room - 1)),
            { text: `… and ${lines.length - Math.max(0, room - 1)} more` },
          ];
    return bottom > 0 ? [...shown, { text: "" }] : shown;
  }

  private keeps(task: Task): boolean {
    if ((task.title ?? "").trim() === "") return false;
    return this.options.keep === "all" || task.hasFailed();
  }
}

// A blank title keeps a task off the frame: its owner hides it (a job waiting while space is short).
function shownLive(task: Task): boolean {
  return task.isEnabled() && task.hasTitle() && !task.hasFinalized() && task.title?.trim() !== "";
}

function finishedLine(task: Task): FrameLine {
  const title = task.title ?? "";
  if (task.hasFailed())
    return { icon: color.red(figures.cross), text: task.message.error ?? title };
  if (task.isSkipped())
    return { icon: color.yellow(figures.arrowDown), text: task.message.skip ?? title };
  return { icon: color.green(figures.tick), text: title };
}
