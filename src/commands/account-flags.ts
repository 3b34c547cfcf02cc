// The flags every account-side command (prune, sweep) shares: which cells, which endpoint, dry run.
// Apart from account-target.ts, so a command's --help loads no AWS SDK.
import type { FlagSpec } from "../cli/flags.ts";
import { MATRIX_FLAGS } from "../cli/flags.ts";

export const AWS_TARGET_FLAGS: readonly FlagSpec[] = [
  {
    name: "dry-run",
    type: "boolean",
    help: "print what would go and what stays; change nothing",
  },
  ...MATRIX_FLAGS,
  {
    name: "ec2-endpoint",
    type: "string",
    value: "URL",
    help: "an EC2-compatible endpoint instead of AWS (ec2-local, LocalStack, moto)",
  },
];
