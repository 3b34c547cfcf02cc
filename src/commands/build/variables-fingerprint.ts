// What the variables add to the fingerprints, worked out before planning: which are secret comes from
// their names and from the `sensitive = true` the templates' sources declare (a user's own variable
// blocks are written out in the template, not made by handlebars).
import type { Selection } from "../../matrix/select-cells.ts";
import { projectPaths } from "../../project-paths.ts";
import { isSecretName } from "../../secrets/secret-values.ts";
import { readTemplates } from "../../templates/read-templates.ts";
import { declaredVariables } from "../../variables/declared-variables.ts";
import type { PackerVariables } from "../../variables/packer-variables.ts";
import { variablesDigest } from "../../variables/variables-digest.ts";

export async function fingerprintOfVariables(
  variables: PackerVariables,
  selection: Selection,
): Promise<string | undefined> {
  if (variables.vars.length === 0 && variables.files.length === 0) return undefined;
  // A template that cannot be read is preflight's to report; names alone then decide.
  const sources = await readTemplates({
    packerDir: projectPaths.packerDir,
    names: selection.jobs.map((job) => job.template),
  }).catch(() => new Map<string, string>());
  // Handlebars tags out, both branches of an {{#if}} kept: what is left reads as HCL.
  const declared = declaredVariables(
    [...sources.values()].map((source) => source.replace(/\{\{[^}]*\}\}/g, "x")),
  );
  return variablesDigest(
    variables,
    (name) => isSecretName(name) || declared.get(name)?.sensitive === true,
  );
}
