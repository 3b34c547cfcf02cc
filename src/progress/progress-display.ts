// The run's progress display: animated lines on a terminal, timestamped lines in logs and CI.
// Which one is the caller's call (stdout is a TTY and CI is unset → interactive).
import type { ProgressDisplay } from "./display-types.ts";
import { guardDisplay } from "./guard-display.ts";
import { createInteractiveDisplay, type InteractiveDisplayOptions } from "./interactive-display.ts";
import { createPlainDisplay, type PlainDisplayOptions } from "./plain-display.ts";

export type { ProgressDisplay } from "./display-types.ts";

export type ProgressMode = "interactive" | "plain";

export type ProgressDisplayOptions = InteractiveDisplayOptions &
  PlainDisplayOptions & { mode: ProgressMode };

export function createProgressDisplay({
  mode,
  ...options
}: ProgressDisplayOptions): ProgressDisplay {
  return guardDisplay(
    mode === "interactive" ? createInteractiveDisplay(options) : createPlainDisplay(options),
  );
}
