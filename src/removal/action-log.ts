// Removing cloud resources is best effort: one failure must not stop the rest, and every outcome is
// kept so the caller can say what went, what did not, and why.
import { errorMessage } from "../errors.ts";

export type RemovalVerb = "terminate" | "delete" | "deregister";

export interface Removal {
  verb: RemovalVerb;
  /** What it is, as a person says it: `instance`, `security group`, `AMI`, `snapshot`... */
  kind: string;
  id: string;
  /** Shown in brackets after the id, e.g. the AMI's state. */
  note?: string;
}

export interface RemovalOutcome extends Removal {
  /** Set when the call failed: the error's message. */
  error?: string;
}

const PAST_TENSE: Record<RemovalVerb, string> = {
  terminate: "terminated",
  delete: "deleted",
  deregister: "deregistered",
};

export interface ActionLog {
  outcomes: RemovalOutcome[];
  /** Runs one removal and records how it went; true when it succeeded. */
  attempt(removal: Removal, action: () => Promise<unknown>): Promise<boolean>;
}

export function createActionLog(): ActionLog {
  const outcomes: RemovalOutcome[] = [];
  return {
    outcomes,
    async attempt(removal, action) {
      try {
        await action();
        outcomes.push(removal);
        return true;
      } catch (error) {
        outcomes.push({ ...removal, error: errorMessage(error) });
        return false;
      }
    },
  };
}

// `deregistered AMI ami-0123 (pending)`
export function describeDone(removal: Removal): string {
  return `${PAST_TENSE[removal.verb]} ${subject(removal)}`;
}

// `could not deregister AMI ami-0123 (pending): <EC2's message>`
export function describeFailure(outcome: RemovalOutcome): string {
  return `could not ${outcome.verb} ${subject(outcome)}: ${outcome.error ?? "unknown error"}`;
}

function subject({ kind, id, note }: Removal): string {
  return `${kind} ${id}${note ? ` (${note})` : ""}`;
}
