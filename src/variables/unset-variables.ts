// Pure: the Packer variables a matrix asks its users for (userVariables without a default, and
// settings given as `var.NAME`) that nothing sets. A rehearsal does without them (the endpoint's
// default VPC, no script runs); a real build would launch an instance into the wrong network or run
// its scripts without their inputs, so it stops before anything is spent.
import { isFromVariable, type Job } from "../model/job.ts";
import { type PackerVariables, PKR_VAR_PREFIX } from "./packer-variables.ts";

export interface UnsetVariable {
  name: string;
  /** What needs it, e.g. `subnetId` or `userVariables.ecr_registry`. */
  setting: string;
  jobs: string[];
}

export function unsetVariables({
  jobs,
  variables,
  env,
}: {
  jobs: readonly Job[];
  variables: PackerVariables;
  env: NodeJS.ProcessEnv;
}): UnsetVariable[] {
  const given = new Set([
    ...variables.vars.map((v) => v.name),
    ...variables.files.flatMap((file) => file.entries.map((entry) => entry.name)),
    ...Object.keys(env)
      .filter((key) => key.startsWith(PKR_VAR_PREFIX) && env[key] !== "")
      .map((key) => key.slice(PKR_VAR_PREFIX.length)),
  ]);
  const unset = new Map<string, UnsetVariable>();
  for (const job of jobs) {
    for (const { name, setting } of requiredVariables(job)) {
      if (given.has(name)) continue;
      const entry = unset.get(name) ?? { name, setting, jobs: [] };
      entry.jobs.push(job.id);
      unset.set(name, entry);
    }
  }
  return [...unset.values()];
}

export function requiredVariables(job: Job): { name: string; setting: string }[] {
  const refs = (
    [
      ["subnetId", job.subnetId],
      ["securityGroupIds", job.securityGroupIds],
      ["iamInstanceProfile", job.iamInstanceProfile],
    ] as const
  ).flatMap(([setting, value]) =>
    isFromVariable(value) ? [{ name: value.variable, setting }] : [],
  );
  const asked = (job.userVariables ?? [])
    .filter((variable) => variable.default === undefined)
    .map((variable) => ({ name: variable.name, setting: `userVariables.${variable.name}` }));
  return [...refs, ...asked];
}

export function unsetVariableText(variable: UnsetVariable): string {
  return `${variable.name} (${variable.setting} of ${variable.jobs.join(", ")}) is not set; give it in a --var-file (the matrix's example is in packer/vars/), with --var ${variable.name}=…, or as PKR_VAR_${variable.name}`;
}
