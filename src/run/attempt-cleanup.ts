// After an attempt that did not succeed: remove what it left (Packer's cleanup is not complete) and
// say who cleaned up what, so a summary never credits Packer with what ami-matrix removed.
import { errorMessage } from "../errors.ts";
import type { PlannedJob } from "../plan/make-plan.ts";
import type { AttemptTrace } from "../removal/attempt-leftovers.ts";
import { PACKER_CLEANED_UP } from "./attempt-result.ts";
import type { CleanupReport } from "./clean-up-attempt.ts";
import type { RunEventListener } from "./run-events.ts";
import type { AttemptResult } from "./scheduler.ts";

export type CleanUp = (args: {
  job: PlannedJob["job"];
  trace: AttemptTrace;
}) => Promise<CleanupReport>;

export async function withCleanup({
  result,
  job,
  trace,
  cleanUp,
  onEvent,
}: {
  result: AttemptResult;
  job: PlannedJob["job"];
  trace: AttemptTrace;
  cleanUp: CleanUp;
  onEvent: RunEventListener;
}): Promise<AttemptResult> {
  onEvent({ type: "step", jobId: job.id, text: "Checking for cloud resources Packer left behind" });
  let report: CleanupReport;
  try {
    report = await cleanUp({ job, trace });
  } catch (error) {
    const reason = errorMessage(error);
    return {
      ...result,
      mayLeak: true,
      error: `${result.error ?? "failed"}; could not check for leftovers: ${reason}`,
    };
  }
  for (const line of report.removed)
    onEvent({ type: "step", jobId: job.id, text: `Packer left it behind, so ami-matrix ${line}` });
  const error = cleanupNote(result, report);
  if (report.failures.length > 0) return { ...result, mayLeak: true, error };
  // Everything the attempt made is gone, even if Packer had to be killed.
  const { mayLeak: _gone, ...clean } = result;
  return { ...clean, error };
}

// Who cleaned up what: Packer's own cleanup is claimed only when nothing of the attempt was left.
function cleanupNote(result: AttemptResult, report: CleanupReport): string {
  const removed = report.removed.join(", ");
  const left = report.failures.length > 0 ? `; left behind: ${report.failures.join("; ")}` : "";
  if (result.status !== "interrupted") {
    const note = removed ? `; ami-matrix removed what Packer left: ${removed}` : "";
    return `${result.error ?? "failed"}${note}${left}`;
  }
  // Only a killed Packer has mayLeak here.
  const packer = result.mayLeak
    ? "Packer was killed before it finished cleaning up"
    : "Packer exited";
  if (removed)
    return `interrupted; ${packer}, and ami-matrix removed what it left: ${removed}${left}`;
  if (left) return `interrupted; ${packer}${left}`;
  return result.mayLeak
    ? `interrupted; ${packer}; ami-matrix found nothing of it left`
    : `interrupted; ${PACKER_CLEANED_UP}`;
}
