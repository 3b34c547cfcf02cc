// listr2 set up as a view: it shows tasks whose fate the scheduler decides, so it must not limit, stop,
// catch signals or pick another renderer on its own.
import { ListrLogger, ProcessOutput } from "listr2";

export type InteractiveRenderer = "default" | "test" | "silent";

export function viewOnlyOptions({
  stream,
  renderer,
}: {
  stream: NodeJS.WriteStream;
  renderer: InteractiveRenderer;
}) {
  const rendererOptions = {
    logger: loggerFor({ stream, renderer }),
    // One line per job, however long its step or error: the terminal's width cuts it with `…`.
    formatOutput: "truncate",
    // A failed or skipped job's line becomes its message, which starts with the job id.
    showErrorMessage: true,
    collapseErrors: true,
    showSkipMessage: true,
    collapseSkips: true,
    // The final lines stay on screen, above the summary the caller prints next.
    clearOutput: false,
  } as const;
  return {
    // The scheduler owns every limit; listr2 shows all jobs at once and waits on their events.
    concurrent: true,
    // One failed job must not end the others' lines.
    exitOnError: false,
    // Ctrl-C belongs to the run: listr2's handler would exit(127) while Packer is still cleaning up.
    registerSignalListeners: false,
    // The caller chose this mode; listr2 must not fall back to another renderer when stdout is no TTY.
    renderer,
    fallbackRenderer: renderer,
    rendererOptions,
    fallbackRendererOptions: rendererOptions,
  } as const;
}

// The default renderer holds back both process streams while it draws (so stray writes cannot tear the
// frame) and prints what they got afterwards; that needs two distinct streams. The others only write.
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
