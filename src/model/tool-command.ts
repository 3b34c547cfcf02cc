// How a user runs this tool, as the README says; every hint that names a command builds on it.
export const TOOL_COMMAND = "npx tsx build-amis.ts";

/** The command that removes what a run left behind, found through its run record. */
export function sweepRunCommand(runId: string): string {
  return `${TOOL_COMMAND} sweep --run ${runId}`;
}
