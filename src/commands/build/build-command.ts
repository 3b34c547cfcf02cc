// The default command: plan the matrix, then build it (or only print the plan with --dry-run).
import path from "node:path";
import type { Command } from "../../cli/command.ts";
import { UserError } from "../../errors.ts";
import { startRehearsal } from "../../rehearsal/start-rehearsal.ts";
import { runPlan } from "../../run/run-plan.ts";
import { FLAGS, toBuildOptions } from "./build-flags.ts";
import { formatPlanJson, formatPlanText } from "./format-plan.ts";
import { preparePlan } from "./prepare-run.ts";

export const buildCommand: Command = {
  name: "build",
  summary: "build an AMI for every cell of the matrix (the default command)",
  description: [
    "Builds an AMI for every cell of a matrix (images × virtualization types × regions) with Packer,",
    "in parallel under limits, and writes each new AMI id into the AMI list as its build finishes.",
  ],
  flags: FLAGS,
  async run({ values, cwd, env, io, signals }) {
    const options = toBuildOptions(values);
    if (options.json && !options.dryRun) throw new UserError("--json goes with --dry-run.");
    if (options.localFaults && !options.local)
      throw new UserError("--local-faults goes with --local.");
    const rehearsal =
      options.local || options.ec2Endpoint
        ? await startRehearsal({
            ec2Endpoint: options.ec2Endpoint,
            faultsFile: options.localFaults,
            env,
            cwd,
          })
        : undefined;
    try {
      const mode = rehearsal ? { local: true, ec2Endpoint: rehearsal.endpoint } : { local: false };
      const awsEnv = { ...env, ...rehearsal?.env };
      const prepared = await preparePlan({ options, cwd, env, mode, awsEnv });
      if (options.dryRun) {
        io.stdout(`${options.json ? formatPlanJson(prepared) : formatPlanText(prepared, cwd)}\n`);
        return 0;
      }
      return await runPlan({
        prepared,
        settings: {
          reportFile: options.report ? path.resolve(cwd, options.report) : undefined,
          killAfterMs: options.killAfterSeconds * 1000,
          interactive: io.interactive ?? false,
          packerEnv: rehearsal?.env,
          ec2Endpoint: rehearsal?.endpoint,
        },
        env,
        cwd,
        signals,
        write: io.stdout,
      });
    } finally {
      await rehearsal?.close();
    }
  },
};
