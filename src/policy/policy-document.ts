// The IAM policy a run needs, and the text that explains it, both made from POLICY_ACTIONS. A matrix
// that builds on Spot, or gives its build instance a profile, adds what that takes.
import {
  NO_EXTRA_NEEDS,
  NOT_GRANTED,
  PASS_ROLE_NOTE,
  POLICY_ACTIONS,
  type PolicyNeeds,
  STATEMENTS,
  type StatementId,
} from "./policy-actions.ts";

export interface PolicyStatement {
  Sid: StatementId | "PassBuildInstanceRole";
  Effect: "Allow";
  Action: string[];
  Resource: "*";
  Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

function grantedActions(needs: PolicyNeeds) {
  return POLICY_ACTIONS.filter((a) => !a.spot || needs.spot);
}

export function policyDocument(needs: PolicyNeeds = NO_EXTRA_NEEDS): PolicyDocument {
  const sids = Object.keys(STATEMENTS) as StatementId[];
  const granted = grantedActions(needs);
  return {
    Version: "2012-10-17",
    Statement: [
      ...sids.map((sid) => ({
        Sid: sid,
        Effect: "Allow" as const,
        Action: granted
          .filter((a) => a.statement === sid)
          .map((a) => `ec2:${a.action}`)
          .sort(),
        Resource: "*" as const,
      })),
      ...(needs.passRole
        ? [
            {
              Sid: "PassBuildInstanceRole" as const,
              Effect: "Allow" as const,
              Action: ["iam:PassRole"],
              Resource: "*" as const,
              Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
            },
          ]
        : []),
    ],
  };
}

/** Every `Action` of the document, in statement order. */
export function policyActions(document: PolicyDocument): string[] {
  return document.Statement.flatMap((s) => s.Action);
}

// For tests that watched a real run: the EC2 actions it called that the policy would refuse.
export function uncoveredActions(
  calledActions: Iterable<string>,
  needs: PolicyNeeds = NO_EXTRA_NEEDS,
): string[] {
  const granted = new Set(policyActions(policyDocument(needs)));
  return [...new Set(calledActions)].filter((a) => a !== "" && !granted.has(`ec2:${a}`)).sort();
}

// For `policy --explain`: who needs each action, and what was left out on purpose.
export function explainPolicy(needs: PolicyNeeds = NO_EXTRA_NEEDS): string {
  const lines = ["Every action in the policy, and who needs it:"];
  const granted = grantedActions(needs);
  for (const [sid, summary] of Object.entries(STATEMENTS)) {
    lines.push("", `${sid}: ${summary}`);
    for (const entry of granted.filter((a) => a.statement === sid)) {
      const reasons = [
        entry.packer && `Packer: ${entry.packer}`,
        entry.tool && `ami-matrix: ${entry.tool}`,
      ].filter(Boolean);
      lines.push(`  ec2:${entry.action}`, ...reasons.map((r) => `      ${r}`));
    }
  }
  if (needs.passRole)
    lines.push(
      "",
      "PassBuildInstanceRole: give the build instance the matrix's iamInstanceProfile",
      "  iam:PassRole (to ec2.amazonaws.com only; name your role's ARN as Resource to narrow it)",
    );
  const spotLeftOut = POLICY_ACTIONS.filter((a) => a.spot && !needs.spot);
  lines.push("", "Left out on purpose; add one only if your own template needs it:");
  for (const { action, neededFor } of [
    ...spotLeftOut.map((a) => ({
      action: `ec2:${a.action}`,
      neededFor: "Spot builds (a matrix's spot, or --spot): policy --spot adds them",
    })),
    ...NOT_GRANTED,
    ...(needs.passRole ? [] : [PASS_ROLE_NOTE]),
  ])
    lines.push(`  ${action.padEnd(30)}${neededFor}`);
  return lines.join("\n");
}
