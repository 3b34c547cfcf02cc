// listr2 set up as a view: it shows tasks whose fate the scheduler decides, so it must not limit, stop,
// catch signals or pick another renderer on its own. On a terminal it draws with FrameRenderer.
import {
  type ListrBaseClassOptions,
  ListrLogger,
  type ListrRendererValue,
  ProcessOutput,
} from "listr2";
import { FrameRenderer } from "./frame-renderer.ts";

export type InteractiveRenderer = "default" | "test" | "silent";

export function viewOnlyOptions({
  stream,
  renderer,
  keep,
}: {
  stream: NodeJS.WriteStream;
  renderer: InteractiveRenderer;
  /** Which finished tasks keep a line on screen. */
  keep: "all" | "failed";
}): ListrBaseClassOptions<unknown, ListrRendererValue, ListrRendererValue> {
  const logger = loggerFor({ stream, renderer });
  const common = {
    // The scheduler owns every limit; listr2 shows all tasks at once and waits on their events.
    concurrent: true,
    // One failed job must not end the others' lines.
    exitOnError: false,
    // Ctrl-C belongs to the run: listr2's handler would exit(127) while Packer is still cleaning up.
    registerSignalListeners: false,
  } as const;
  if (renderer === "default") {
    const rendererOptions = { logger, stream, keep };
    // The caller chose this mode; listr2 must not fall back to another renderer when stdout is no TTY.
    return {
      ...common,
      renderer: FrameRenderer,
      fallbackRenderer: FrameRenderer,
      rendererOptions,
      fallbackRendererOptions: rendererOptions,
    } as const;
  }
  // Tests: listr2's test renderer logs every task event; the silent one draws nothing.
  const rendererOptions = { logger };
  return {
    ...common,
    renderer,
    fallbackRenderer: renderer,
    rendererOptions,
    fallbackRendererOptions: rendererOptions,
  } as const;
}

// The frame holds back both process streams while it draws (so stray writes cannot tear it) and
// prints what they got afterwards; that needs two distinct streams. The test renderer only writes.
function loggerFor({
  stream,
  renderer,
}: {
  stream: NodeJS.WriteStream;
  renderer: InteractiveRenderer;
}): ListrLogger {
  const other = stream === process.stderr ? process.stdout : process.stderr;
  const processOutput = new ProcessOutput(stream, renderer === "default" ? other : stream);
  return new ListrLogger({ useIcons: renderer === "default", toStderr: [], processOutput });
}
