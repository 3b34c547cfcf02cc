// `policy`: the IAM policy to attach to whoever runs builds, on stdout alone so `> policy.json` works.
// Its flags are data; the policy's tables load only when it runs, as every command's do.
import path from "node:path";
import type { Command } from "../../cli/command.ts";
import { HELP_FLAG, stringFlag } from "../../cli/flags.ts";
import { pathForDisplay } from "../../text/path-for-display.ts";

export const policyCommand: Command = {
  name: "policy",
  summary: "print the IAM policy a run needs: JSON with exactly the EC2 actions used",
  description: [
    "Prints an IAM policy document with exactly the EC2 actions that Packer's amazon-ebs builder",
    "(with the bundled template) and ami-matrix itself call: builds, verification, cleanup after",
    "failed attempts, preflight, prune and sweep. Only the JSON goes to stdout, so",
    "",
    "  npx tsx build-amis.ts policy > policy.json",
    "  aws iam create-policy --policy-name ami-matrix --policy-document file://policy.json",
    "",
    "gives a policy to attach to the user or role that runs builds. Packer also calls",
    "sts:GetCallerIdentity, which every identity may call without a policy. A matrix that builds",
    "on Spot adds the launch template and fleet calls, and one whose build instance has an",
    "iamInstanceProfile adds iam:PassRole (to EC2 only): name it with --matrix.",
  ],
  flags: [
    {
      name: "matrix",
      type: "string",
      value: "FILE",
      help: "add what this matrix's cells need: Spot builds' calls, iam:PassRole for an iamInstanceProfile",
    },
    {
      name: "spot",
      type: "boolean",
      help: "add the calls of Spot builds, for runs with build --spot",
    },
    {
      name: "explain",
      type: "boolean",
      help: "instead of the JSON, list each action with who needs it, and what was left out",
    },
    HELP_FLAG,
  ],
  async run({ values, io, cwd }) {
    const [{ explainPolicy, policyDocument }, needs] = await Promise.all([
      import("../../policy/policy-document.ts"),
      neededBy(stringFlag(values, "matrix"), cwd),
    ]);
    if (values.spot === true) needs.spot = true;
    const text =
      values.explain === true
        ? explainPolicy(needs)
        : JSON.stringify(policyDocument(needs), null, 2);
    io.stdout(`${text}\n`);
    return 0;
  },
};

async function neededBy(matrix: string | undefined, cwd: string) {
  if (matrix === undefined) return { spot: false, passRole: false };
  const { loadMatrix } = await import("../../matrix/load-matrix.ts");
  const file = path.resolve(cwd, matrix);
  const { jobs } = await loadMatrix({ file, displayName: pathForDisplay(file, cwd) });
  return {
    spot: jobs.some((job) => job.spot !== undefined),
    passRole: jobs.some((job) => job.iamInstanceProfile !== undefined),
  };
}
