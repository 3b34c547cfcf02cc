// Many jobs can finish at once and each needs the index refreshed after its cell is on disk. Runs never
// overlap (a slow scan must not overwrite a newer index), and callers that arrive while a run is still
// waiting to start share it: it will scan after their cells were written, so one scan serves them all.
export function runCoalesced<T>(task: () => Promise<T>): () => Promise<T> {
  let previous: Promise<unknown> = Promise.resolve();
  let waiting: Promise<T> | undefined;
  return () => {
    if (waiting) return waiting;
    const next = previous
      .catch(() => {})
      .then(() => {
        waiting = undefined;
        return task();
      });
    waiting = next;
    previous = next;
    return next;
  };
}
