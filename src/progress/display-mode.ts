// Which display a terminal gets: the animated one needs a terminal that can move its cursor. TERM=dumb
// (Emacs shells, some CI log viewers) and a terminal with no TERM at all get the plain lines instead.
import type { ProgressMode } from "./progress-display.ts";

export function displayMode({
  interactive,
  env,
  platform = process.platform,
}: {
  /** stdout is a terminal and CI is not set. */
  interactive: boolean;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}): ProgressMode {
  if (!interactive) return "plain";
  const term = env.TERM ?? "";
  // Windows consoles move the cursor without announcing a TERM.
  if (term === "") return platform === "win32" ? "interactive" : "plain";
  return term === "dumb" ? "plain" : "interactive";
}
