// Once the templates are rendered, the variables are checked against what they declare (a problem ends
// planning like any other: the run's folder goes), and split into what the plan shows and what the run
// hands Packer and the masker.
import { rm } from "node:fs/promises";
import { declaredVariables } from "../../variables/declared-variables.ts";
import {
  checkVariables,
  describeVariables,
  type PackerVariables,
  sensitiveValues,
  variablesEnv,
} from "../../variables/packer-variables.ts";
import type { PreparedRun } from "./prepare-run.ts";

export interface RunVariables {
  /** PKR_VAR_NAME per --var, for Packer's environment only. */
  env: Record<string, string>;
  /** Values to mask wherever the run shows, logs or reports anything. */
  sensitive: string[];
}

export type ShownVariables = ReturnType<typeof describeVariables>;

export async function checkPlanVariables({
  prepared,
  variables,
  env,
}: {
  prepared: PreparedRun;
  variables: PackerVariables;
  env: NodeJS.ProcessEnv;
}): Promise<{ shown: ShownVariables; forRun: RunVariables }> {
  const declared = declaredVariables(prepared.plan.jobs.map((planned) => planned.templateText));
  try {
    checkVariables(variables, declared);
  } catch (error) {
    await rm(prepared.plan.runDir, { recursive: true, force: true });
    throw error;
  }
  return {
    shown: describeVariables(variables, declared),
    forRun: {
      env: variablesEnv(variables),
      sensitive: sensitiveValues({ variables, declared, env }),
    },
  };
}
