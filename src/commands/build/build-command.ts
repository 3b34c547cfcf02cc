// The default command: plan the matrix, then build it (or only print the plan with --dry-run).
// Its flags are data; what it does loads only when it runs, so --help answers at once.
import type { Command } from "../../cli/command.ts";
import { FLAGS } from "./build-flags.ts";

export const buildCommand: Command = {
  name: "build",
  summary: "build an AMI for every cell of the matrix (the default command)",
  description: [
    "Builds an AMI for every cell of a matrix (images × virtualization types × regions) with Packer,",
    "in parallel under limits, and writes each new AMI id into the AMI list as its build finishes.",
  ],
  flags: FLAGS,
  run: async (context) => (await import("./run-build.ts")).runBuild(context),
};
