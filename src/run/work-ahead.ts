// Pure: how much work each task holds up, for the order tasks start in: its own expected time plus the
// longest chain of tasks that wait for it (a base build carries the build on it; a build, its copies).
export interface AheadTask {
  id: string;
  needs?: readonly string[];
  expectedMs?: number;
}

export function workAhead(tasks: readonly AheadTask[]): Map<string, number> {
  const waitingFor = new Map<string, AheadTask[]>();
  for (const task of tasks)
    for (const id of task.needs ?? []) waitingFor.set(id, [...(waitingFor.get(id) ?? []), task]);
  const ahead = new Map<string, number>();
  // Needs form no cycle (the matrix refuses one), so the walk ends.
  const of = (task: AheadTask): number => {
    const known = ahead.get(task.id);
    if (known !== undefined) return known;
    const after = Math.max(0, ...(waitingFor.get(task.id) ?? []).map(of));
    ahead.set(task.id, (task.expectedMs ?? 0) + after);
    return (task.expectedMs ?? 0) + after;
  };
  for (const task of tasks) of(task);
  return ahead;
}
