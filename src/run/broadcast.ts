// A run has one waiter per running or retrying job on its interrupt (and on the third Ctrl-C), so one
// shared AbortSignal would collect a listener per job, and Node warns past 10
// (MaxListenersExceededWarning). A broadcast gives each waiter a signal of its own instead.

export interface Broadcast {
  readonly fired: boolean;
  fire(): void;
  /** A signal aborted when the broadcast fires (already aborted if it has); `done` when no longer waiting. */
  follow(): { signal: AbortSignal; done(): void };
}

export function createBroadcast(): Broadcast {
  const followers = new Set<AbortController>();
  let fired = false;
  return {
    get fired() {
      return fired;
    },
    fire() {
      if (fired) return;
      fired = true;
      for (const follower of followers) follower.abort();
      followers.clear();
    },
    follow() {
      const controller = new AbortController();
      if (fired) controller.abort();
      else followers.add(controller);
      return { signal: controller.signal, done: () => followers.delete(controller) };
    },
  };
}
