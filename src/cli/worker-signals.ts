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
  signals.on("newListener", (name: string) => {
    if (isInterruptSignal(name)) listened = true;
  });
  const deliver = (signal: string, at: number) => {
    if (!counts(at)) return;
    // Once the run has listened, a signal nobody hears (the report is being written) is dropped.
    if (!signals.emit(signal) && !listened) onUnheard(signal);
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
