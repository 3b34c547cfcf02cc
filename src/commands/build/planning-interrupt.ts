// Ctrl-C (or SIGTERM, or a closed terminal) while the run is being planned: nothing has been started
// yet, so planning stops at once and says so. The run's own handling takes over once builds start.
import type { EventEmitter } from "node:events";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

export interface PlanningInterrupt {
  /** Aborted by the first signal: stops `packer validate` and the rest of planning. */
  signal: AbortSignal;
  /** Resolves with the signal's name. */
  arrived: Promise<string>;
  /** Leaves the signals to whoever listens next. */
  stop(): void;
}

export function watchPlanningInterrupt(
  signals: Pick<EventEmitter, "on" | "off">,
): PlanningInterrupt {
  const controller = new AbortController();
  let arrive: (signal: string) => void = () => {};
  const arrived = new Promise<string>((resolve) => {
    arrive = resolve;
  });
  const handlers = SIGNALS.map((name) => {
    const handler = () => {
      controller.abort();
      arrive(name);
    };
    signals.on(name, handler);
    return { name, handler };
  });
  return {
    signal: controller.signal,
    arrived,
    stop: () => {
      for (const { name, handler } of handlers) signals.off(name, handler);
    },
  };
}

export function interruptedWhilePlanning(signal: string): string {
  return `${signal} while planning: stopped; nothing was started, no build ran and no AMI list file was written.`;
}
