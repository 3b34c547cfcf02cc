// How one attempt ended, from Packer's exit and output: succeeded with the job's AMI, interrupted,
// or failed with a classified reason (transient ones may be retried).
import { classifyFailure } from "../packer/classify-failure.ts";
import type { PackerRunResult } from "../packer/run-packer.ts";
import type { PlannedJob } from "../plan/make-plan.ts";
import type { AttemptResult } from "./scheduler.ts";

export const PACKER_CLEANED_UP = "Packer cleaned up and exited";

export function attemptResult({
  planned,
  result,
  logFile,
  interrupted,
  killed,
}: {
  planned: PlannedJob;
  result: PackerRunResult;
  logFile: string;
  interrupted: boolean;
  killed: boolean;
}): AttemptResult {
  const region = planned.job.region;
  const base = { amis: result.amis, log: logFile, ...(killed ? { mayLeak: true } : {}) };
  if (result.exitCode === 0 && result.amis[region]) return { ...base, status: "succeeded" };
  if (interrupted) {
    const error = killed
      ? "interrupted; Packer was killed before it finished cleaning up, so cloud resources may be left behind"
      : `interrupted; ${PACKER_CLEANED_UP}`;
    return { ...base, status: "interrupted", error };
  }
  if (result.exitCode === 0) {
    return {
      ...base,
      status: "permanent",
      error: `Packer exited 0 but reported no AMI for ${region} (artifacts: ${JSON.stringify(result.amis)})`,
    };
  }
  const failure = classifyFailure(result.errors);
  // Packer's errors span lines (filters, status codes); one line reads better in summaries and reports.
  const message = failure.message.replace(/\s+/g, " ").trim();
  const exit =
    result.exitCode === null ? `signal ${result.signal ?? "?"}` : `exit ${result.exitCode}`;
  return {
    ...base,
    status: failure.kind,
    error: `${message || `Packer failed (${exit}) without an error line`} [${failure.kind}: ${failure.rule}]`,
  };
}
