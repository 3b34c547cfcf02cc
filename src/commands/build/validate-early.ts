// As soon as Packer is known, before the source AMIs are: the templates rendered with a stand-in
// source AMI of today's id format, written where the jobs' templates go (the final ones replace them)
// and validated once per distinct template. A final template of another key is validated later.
import { needsInit } from "../../packer/packer-version.ts";
import type { Plan } from "../../plan/make-plan.ts";
import {
  type DistinctTemplate,
  distinctTemplates,
  validateTemplates,
} from "../../plan/validate-templates.ts";
import { writeTemplateFiles } from "../../plan/write-plan-files.ts";
import type { PackerCheck } from "../../preflight/check-packer.ts";
import type { PlanningSteps } from "../../preflight/preflight-build.ts";
import { plural } from "../../text/plural.ts";

/** Stands in for the source AMI while the real one is looked up: the id format of today's AMIs. */
const SOURCE_AMI_STAND_IN = "ami-00000000000000000";

// As soon as Packer is known: the templates rendered with a stand-in source AMI, written where the
// jobs' templates go (the final ones replace them), and validated once per distinct template.
// Whatever stops it (no Packer, a missing file) is preflight's to report, so it gives up quietly.
export async function validateEarly({
  packer,
  planWith,
  env,
  signal,
  steps,
  jobIds,
  underway,
}: {
  packer: Promise<PackerCheck>;
  planWith: (
    init: boolean,
    sourceImages: ReadonlyMap<string, { id: string; name: string }>,
  ) => Promise<Plan>;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  steps: PlanningSteps;
  jobIds: readonly string[];
  /** Called once the `packer validate` processes are running (or none will). */
  underway: () => void;
}): Promise<{ keys: Set<string>; problems: string[] }> {
  const none = { keys: new Set<string>(), problems: [] };
  const check = await packer;
  if (!check.ok) return none;
  let plan: Plan;
  try {
    const standIn = { id: SOURCE_AMI_STAND_IN, name: "" };
    plan = await planWith(needsInit(check.version), new Map(jobIds.map((id) => [id, standIn])));
  } catch {
    return none;
  }
  const distinct = distinctTemplates(plan.jobs, () => SOURCE_AMI_STAND_IN);
  steps.start("templates", validatingTitle(distinct, jobIds.length));
  await writeTemplateFiles(distinct.map((template) => template.planned));
  const validated = validateTemplates({
    templates: distinct,
    packerPath: check.path,
    env,
    signal,
  });
  await new Promise((resolve) => setImmediate(resolve));
  underway();
  const problems = await validated;
  return { keys: new Set(distinct.map((template) => template.key)), problems };
}

export function validatingTitle(templates: readonly DistinctTemplate[], jobs: number): string {
  return `Validating ${plural(templates.length, "distinct template")} for ${plural(jobs, "job")}`;
}
