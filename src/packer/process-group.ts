// Packer ignores SIGINT sent to its wrapper pid alone, and its plugins and shell-local scripts live in
// the same process group, so every signal goes to the whole group.

// Returns false when the group no longer exists, so callers need not race against its exit.
export function signalProcessGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
}

export function isProcessGroupAlive(pid: number): boolean {
  return signalProcessGroup(pid, 0);
}
