// A display bug must not cost the run its builds, report or summary: the first error stops the display
// from being fed, and is reported once the run is over.
import type { ProgressDisplay } from "./display-types.ts";

export function guardDisplay(
  display: ProgressDisplay,
  { report = (text) => process.stderr.write(text) }: { report?: (text: string) => void } = {},
): ProgressDisplay {
  let failure: unknown;
  let finishing: Promise<void> | undefined;
  return {
    onEvent(event) {
      if (failure !== undefined) return;
      try {
        display.onEvent(event);
      } catch (error) {
        failure = error;
      }
    },
    finish() {
      finishing ??= (async () => {
        try {
          await display.finish();
        } catch (error) {
          failure ??= error;
        }
        if (failure === undefined) return;
        const detail =
          failure instanceof Error ? (failure.stack ?? failure.message) : String(failure);
        report(
          `The progress display failed; this is a bug (the builds were not affected):\n${detail}\n`,
        );
      })();
      return finishing;
    },
  };
}
