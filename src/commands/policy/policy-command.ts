// `policy`: the IAM policy to attach to whoever runs builds, on stdout alone so `> policy.json` works.
// Its flags are data; the policy's tables load only when it runs, as every command's do.
import type { Command } from "../../cli/command.ts";
import { HELP_FLAG } from "../../cli/flags.ts";

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
    "sts:GetCallerIdentity, which every identity may call without a policy.",
  ],
  flags: [
    {
      name: "explain",
      type: "boolean",
      help: "instead of the JSON, list each action with who needs it, and what was left out",
    },
    HELP_FLAG,
  ],
  async run({ values, io }) {
    const { explainPolicy, policyDocument } = await import("../../policy/policy-document.ts");
    const text =
      values.explain === true ? explainPolicy() : JSON.stringify(policyDocument(), null, 2);
    io.stdout(`${text}\n`);
    return 0;
  },
};
