// One Ctrl-C can reach the tool up to three times: the terminal signals every process of its
// foreground group, npx forwards the signal to tsx, and tsx relays it again when its child has not
// acknowledged it within 30 ms. Those copies arrive within tens of milliseconds (a few hundred on a
// loaded machine); a person who reads the notice and presses again takes well over half a second.
// So a signal within this window after one that counted is a copy of it.
export const SIGNAL_WINDOW_MS = 500;

/** Returns, for each signal's arrival time, whether it counts: false for a copy of the last press. */
export function createSignalWindow(windowMs = SIGNAL_WINDOW_MS): (at: number) => boolean {
  let counted: number | undefined;
  return (at) => {
    if (counted !== undefined && at - counted < windowMs) return false;
    counted = at;
    return true;
  };
}
