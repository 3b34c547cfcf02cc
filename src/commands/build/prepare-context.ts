// What the build's preparation carries from one step to the next.
import type { Selection } from "../../matrix/select-cells.ts";
import type { Plan, PlanMode } from "../../plan/make-plan.ts";
import type { checkPacker } from "../../preflight/check-packer.ts";
import type { PlanningSteps } from "../../preflight/preflight-build.ts";
import type { CliOptions } from "./build-flags.ts";

export interface PrepareContext {
  options: CliOptions;
  cwd: string;
  env: NodeJS.ProcessEnv;
  selection: Selection;
  matrixFile: string;
  matrixName: string;
  runId: string;
  runDir: string;
  mode: PlanMode;
  awsEnv: NodeJS.ProcessEnv;
  listDir: string;
  packer: ReturnType<typeof checkPacker>;
  steps: PlanningSteps;
  signal: AbortSignal;
}

export type PlanWith = (
  init: boolean,
  sourceImages: ReadonlyMap<string, { id: string; name: string }>,
) => Promise<Plan>;
