// The IAM policy a run needs, and the text that explains it, both made from POLICY_ACTIONS.
import { NOT_GRANTED, POLICY_ACTIONS, STATEMENTS, type StatementId } from "./policy-actions.ts";

export interface PolicyStatement {
  Sid: StatementId;
  Effect: "Allow";
  Action: string[];
  Resource: "*";
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export function policyDocument(): PolicyDocument {
  const sids = Object.keys(STATEMENTS) as StatementId[];
  return {
    Version: "2012-10-17",
    Statement: sids.map((sid) => ({
      Sid: sid,
      Effect: "Allow",
      Action: POLICY_ACTIONS.filter((a) => a.statement === sid)
        .map((a) => `ec2:${a.action}`)
        .sort(),
      Resource: "*",
    })),
  };
}

/** Every `Action` of the document, in statement order. */
export function policyActions(document: PolicyDocument): string[] {
  return document.Statement.flatMap((s) => s.Action);
}

// For tests that watched a real run: the EC2 actions it called that the policy would refuse.
export function uncoveredActions(calledActions: Iterable<string>): string[] {
  const granted = new Set(policyActions(policyDocument()));
  return [...new Set(calledActions)].filter((a) => a !== "" && !granted.has(`ec2:${a}`)).sort();
}

// For `policy --explain`: who needs each action, and what was left out on purpose.
export function explainPolicy(): string {
  const lines = ["Every action in the policy, and who needs it:"];
  for (const [sid, summary] of Object.entries(STATEMENTS)) {
    lines.push("", `${sid}: ${summary}`);
    for (const entry of POLICY_ACTIONS.filter((a) => a.statement === sid)) {
      const reasons = [
        entry.packer && `Packer: ${entry.packer}`,
        entry.tool && `ami-matrix: ${entry.tool}`,
      ].filter(Boolean);
      lines.push(`  ec2:${entry.action}`, ...reasons.map((r) => `      ${r}`));
    }
  }
  lines.push("", "Left out on purpose; add one only if your own template needs it:");
  for (const { action, neededFor } of NOT_GRANTED) lines.push(`  ${action.padEnd(30)}${neededFor}`);
  return lines.join("\n");
}
