// The plan rendered from the selected cells, with the template errors a user can fix said as such.

import { UserError } from "../../errors.ts";
import type { Selection } from "../../matrix/select-cells.ts";
import { makePlan, type Plan, type PlanMode } from "../../plan/make-plan.ts";
import type { RequiredFiles } from "../../plan/read-required-files.ts";
import { projectPaths } from "../../project-paths.ts";
import { readTemplates } from "../../templates/read-templates.ts";
import { TemplateRenderError } from "../../templates/template-engine.ts";

export async function renderPlan({
  selection,
  runId,
  runDir,
  init,
  mode,
  sourceImages,
  templates,
  fileDigests,
  requiredFiles,
  varFiles,
  packerVariables,
}: {
  selection: Selection;
  runId: string;
  runDir: string;
  init: boolean;
  mode: PlanMode;
  sourceImages: ReadonlyMap<string, { id: string; name: string }>;
  templates: Promise<Map<string, string> | undefined>;
  /** Script digests for the fingerprints, read once. */
  fileDigests: Promise<ReadonlyMap<string, string>>;
  /** The files `requiresFiles` names: which are missing (their cells are skipped), their digests. */
  requiredFiles: Promise<RequiredFiles>;
  /** --var-file files, absolute. */
  varFiles: readonly string[];
  /** Digest of the --var and --var-file values, for the fingerprints. */
  packerVariables: string | undefined;
}): Promise<Plan> {
  // Read once; a template that went missing is preflight's to report, and read again to say why.
  const sources =
    (await templates) ??
    (await readTemplates({
      packerDir: projectPaths.packerDir,
      names: selection.jobs.map((j) => j.template),
    }));
  const files = await requiredFiles;
  try {
    return makePlan({
      jobs: selection.jobs,
      runId,
      runDir,
      packerDir: projectPaths.packerDir,
      templates: sources,
      needsInit: init,
      mode,
      sourceImages,
      fileDigests: await fileDigests,
      requiredFiles: files,
      varFiles,
      packerVariables,
    });
  } catch (error) {
    if (error instanceof TemplateRenderError) {
      throw new UserError(`${error.message}. ${error.advice}`, { cause: error });
    }
    throw error;
  }
}
