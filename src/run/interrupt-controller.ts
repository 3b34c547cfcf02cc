// Ctrl-C policy: the first stops new builds and lets Packer clean up; the second says what forcing
// would leave behind; the third forces. SIGTERM (CI cancelling, `kill`) and SIGHUP (the terminal
// closed) count like SIGINT.
import type { EventEmitter } from "node:events";

export interface InterruptHandlers {
  /** Every interrupt that counts, before the handler for its place. */
  any?(signal: string): void;
  first(signal: string): void;
  second(signal: string): void;
  third(signal: string): void;
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

export function watchInterrupts({
  target,
  handlers,
}: {
  target: Pick<EventEmitter, "on" | "off">;
  handlers: InterruptHandlers;
}): () => void {
  let count = 0;
  const listeners = SIGNALS.map((signal) => {
    const listener = () => {
      count++;
      handlers.any?.(signal);
      if (count === 1) handlers.first(signal);
      else if (count === 2) handlers.second(signal);
      else if (count === 3) handlers.third(signal);
    };
    target.on(signal, listener);
    return [signal, listener] as const;
  });
  return () => {
    for (const [signal, listener] of listeners) target.off(signal, listener);
  };
}
