// The worker's interrupts, whatever their source, as one emitter of SIGINT, SIGTERM and SIGHUP for
// the run: signals its supervisor relays, signals sent to the worker itself, and the loss of the
// supervisor (the IPC channel closes when it is killed), which counts as a hangup. Copies of one press
// arrive close together and count once (signal-window.ts).
import { EventEmitter } from "node:events";
import { isInterruptMessage } from "./interrupt-message.ts";
import { createSignalWindow, SIGNAL_WINDOW_MS } from "./signal-window.ts";

export const INTERRUPT_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** What the worker needs of `process`; tests pass their own. */
export type WorkerProcess = Pick<EventEmitter, "on" | "off"> & {
  connected?: boolean;
  disconnect?: () => void;
};

export interface WorkerSignals {
  signals: EventEmitter;
  /** Stops listening and lets go of the supervisor, so the worker can exit. */
  close(): void;
}

export function watchWorkerSignals({
  proc = process,
  windowMs = SIGNAL_WINDOW_MS,
  now = Date.now,
  onUnheard,
}: {
  proc?: WorkerProcess;
  windowMs?: number;
  now?: () => number;
  /** An interrupt before the run ever listened for one: nothing was started, so the caller may stop. */
  onUnheard: (signal: string) => void;
}): WorkerSignals {
  const signals = new EventEmitter();
  const counts = createSignalWindow(windowMs);
  let listened = false;
  // Once the run has listened, a signal nobody hears waits for the next listener: planning has handed
  // over and the builds are about to start. After the run's last listener (the report is being
  // written) nobody takes it, and the run goes on to its end.
  const held: string[] = [];
  signals.on("newListener", (name: string) => {
    if (!isInterruptSignal(name)) return;
    listened = true;
    // After the listener is added, and the ones added with it (SIGINT, SIGTERM and SIGHUP together).
    if (held.length > 0) queueMicrotask(passOnHeld);
  });
  const passOnHeld = () => {
    while (held.length > 0 && signals.emit(held[0] as string)) held.shift();
  };
  const deliver = (signal: string, at: number) => {
    if (!counts(at)) return;
    if (held.length > 0 || !signals.emit(signal)) {
      if (listened) held.push(signal);
      else onUnheard(signal);
    }
  };
  const direct = new Map(INTERRUPT_SIGNALS.map((s) => [s, () => deliver(s, now())]));
  const onMessage = (message: unknown) => {
    if (isInterruptMessage(message) && isInterruptSignal(message.signal))
      deliver(message.signal, message.at);
  };
  const onDisconnect = () => deliver("SIGHUP", now());
  for (const [signal, handler] of direct) proc.on(signal, handler);
  proc.on("message", onMessage);
  proc.on("disconnect", onDisconnect);
  return {
    signals,
    close() {
      for (const [signal, handler] of direct) proc.off(signal, handler);
      proc.off("message", onMessage);
      proc.off("disconnect", onDisconnect);
      if (proc.connected) proc.disconnect?.();
    },
  };
}

function isInterruptSignal(name: string): boolean {
  return (INTERRUPT_SIGNALS as readonly string[]).includes(name);
}
