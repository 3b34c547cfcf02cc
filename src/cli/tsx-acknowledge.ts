// The tsx CLI SIGKILLs its child, the supervisor, when the child's acknowledgement of a SIGINT or
// SIGTERM does not come within 30 ms of the CLI's own handler; it then relays the signal and waits
// 30 ms more before it kills. tsx's preflight in the child acknowledges each signal once, at once. A
// terminal's Ctrl-C reaches both processes together, so that answer often comes before the CLI waits
// for it and is missed (15 presses in 19, traced), leaving each press one 30 ms window from a SIGKILL.
// On 2 cores at load 11 that window was missed once in 80 signals: the shell got its prompt back (exit
// 130) while the worker still cleaned up. So after each signal the supervisor acknowledges again every
// few milliseconds for a while; any answer inside a window will do, and extra ones are ignored (then
// 1 press in 24 needed the second window).
// The acknowledgement is preflight's own (hidden) listener, called as a signal would; started without
// the tsx CLI, there is none and nothing is repeated.

const EVERY_MS = 5;
const FOR_MS = 150;
/** The name tsx gives its preflight's listener (tsx 4.x). */
export const TSX_LISTENER = "hiddenHandler";

export function repeatAcknowledgement(
  signal: "SIGINT" | "SIGTERM",
  /** Whether the supervisor still listens: preflight's listener exits the process otherwise. */
  listening: () => boolean,
): void {
  const acknowledge = process.rawListeners(signal).find((l) => l.name === TSX_LISTENER);
  if (!acknowledge) return;
  const started = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - started > FOR_MS || !listening()) clearInterval(timer);
    else acknowledge(signal);
  }, EVERY_MS);
  timer.unref();
}
