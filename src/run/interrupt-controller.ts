// Ctrl-C policy: the first stops new builds and lets Packer clean up; the second says what forcing
// would leave behind; the third forces. SIGTERM counts like SIGINT.
import type { EventEmitter } from "node:events";

export interface InterruptHandlers {
  first(signal: string): void;
  second(): void;
  third(): void;
}

export function watchInterrupts({
  target,
  handlers,
}: {
  target: Pick<EventEmitter, "on" | "off">;
  handlers: InterruptHandlers;
}): () => void {
  let count = 0;
  const onSignal = (signal: string) => {
    count++;
    if (count === 1) handlers.first(signal);
    else if (count === 2) handlers.second();
    else if (count === 3) handlers.third();
  };
  const onInt = () => onSignal("SIGINT");
  const onTerm = () => onSignal("SIGTERM");
  target.on("SIGINT", onInt);
  target.on("SIGTERM", onTerm);
  return () => {
    target.off("SIGINT", onInt);
    target.off("SIGTERM", onTerm);
  };
}
