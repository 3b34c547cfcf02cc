// On the way out of an interrupted run (or one whose cleanup could not finish), the one command that
// removes what it left: `sweep --run` reads the run record, so it finds things of any age, and only
// this run's.
import type { JobOutcome } from "../model/job.ts";
import { sweepRunCommand } from "../model/tool-command.ts";

export function leftoverAdvice({
  outcomes,
  interrupted,
  runId,
  recordFile,
}: {
  outcomes: readonly JobOutcome[];
  interrupted: boolean;
  runId: string;
  /** The run record, as shown to the user. */
  recordFile: string;
}): string[] {
  const command = sweepRunCommand(runId);
  if (outcomes.some((o) => o.mayLeak)) {
    return [
      `Cloud resources may be left behind. \`${command}\` removes what this run left (recorded in ${recordFile}); add --dry-run to list it first.`,
    ];
  }
  if (!interrupted) return [];
  return [
    `Every build that ran cleaned up. To check what this run may have left: \`${command} --dry-run\` (from ${recordFile}).`,
  ];
}
