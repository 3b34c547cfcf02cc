// One Ctrl-C can reach the supervisor twice: the terminal signals every process of its foreground
// group, and the tsx CLI relays the signal again when its child's acknowledgement does not come within
// 30 ms (it misses one that arrives before its own handler runs). The copy comes ~30 ms later (a few
// hundred on a loaded machine); a person who reads the notice and presses again takes well over half a
// second. So a signal within this window after one that counted is a copy of it.
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
