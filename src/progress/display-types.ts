// The contract between the run and whichever display shows it.
import type { Job } from "../model/job.ts";
import type { RunEvent } from "../run/run-events.ts";

export interface ProgressDisplay {
  /** Render what the event says; never throws, never steers the run. */
  onEvent(event: RunEvent): void;
  /** Call once, after the scheduler is done; resolves once the display has stopped and left the terminal clean. */
  finish(): Promise<void>;
}

export interface CommonDisplayOptions {
  /** In plan order; the interactive display shows one line per job in this order. */
  jobs: readonly Job[];
  /** Attempts a job may take (retries + 1); shown as `attempt 2/3`. Without it, `attempt 2`. */
  maxAttempts?: number;
  /** The display's clock, for elapsed times, countdowns and timestamps. Default `Date.now`. */
  now?: () => number;
  /** How a log or cell file is shown, e.g. relative to the project folder. Default: as given. */
  formatPath?: (file: string) => string;
}
