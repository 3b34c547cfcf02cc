// `packer validate` before anything is spent: once per distinct template (see template-key.ts), several
// at once, every failure reported together. `packer init` (Packer 1.7+) runs first, once per template
// source, since it installs plugins machine-wide.
import { execa } from "execa";
import pLimit from "p-limit";
import { plural } from "../text/plural.ts";
import type { PlannedJob } from "./make-plan.ts";
import { templateKey } from "./template-key.ts";

const VALIDATE_CONCURRENCY = 8;

export interface DistinctTemplate {
  key: string;
  /** The job whose rendered text stands for the others. */
  planned: PlannedJob;
  /** Every job with this key, for messages. */
  ids: string[];
}

/** The values a job's text may differ by while Packer judges it alike (see template-key.ts). */
export function jobValues(planned: PlannedJob, sourceAmiId: string): string[] {
  const { job } = planned;
  return [job.image, job.region, job.virtualization, sourceAmiId, planned.fingerprint];
}

export function distinctTemplates(
  jobs: readonly PlannedJob[],
  sourceAmiId: (planned: PlannedJob) => string,
): DistinctTemplate[] {
  const byKey = new Map<string, DistinctTemplate>();
  // A copy runs no Packer, so it has no template to validate.
  for (const planned of jobs.filter((p) => p.action === "build")) {
    const key = templateKey(planned.templateText, jobValues(planned, sourceAmiId(planned)));
    const found = byKey.get(key);
    if (found) found.ids.push(planned.job.id);
    else byKey.set(key, { key, planned, ids: [planned.job.id] });
  }
  return [...byKey.values()];
}

/** Returns one problem per template Packer rejected, with its output. */
export async function validateTemplates({
  templates,
  packerPath,
  env,
  signal,
}: {
  templates: readonly DistinctTemplate[];
  packerPath: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}): Promise<string[]> {
  const step = (template: DistinctTemplate, args: string[], ids: string) =>
    runPackerStep({ packerPath, env, dir: template.planned.dir, args, ids, signal });
  const initialisers = new Map<string, DistinctTemplate>();
  for (const template of templates)
    if (template.planned.commands.init) initialisers.set(template.planned.job.template, template);
  const problems: string[] = [];
  for (const [name, template] of initialisers) {
    const problem = await step(template, ["init", template.planned.templateFile], name);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) return problems;
  const limit = pLimit(VALIDATE_CONCURRENCY);
  const failures = await Promise.all(
    templates.map((template) =>
      limit(() => step(template, template.planned.commands.validate, template.ids.join(", "))),
    ),
  );
  return failures.filter((failure) => failure !== undefined);
}

export function rejectedMessage(problems: readonly string[]): string {
  return `Packer rejected ${plural(problems.length, "rendered template")}; nothing was built:\n${problems.join("\n")}\nFix the template under packer/ or the matrix values it uses.`;
}

async function runPackerStep({
  packerPath,
  env,
  dir,
  args,
  ids,
  signal,
}: {
  packerPath: string;
  env: NodeJS.ProcessEnv;
  dir: string;
  args: readonly string[];
  ids: string;
  signal?: AbortSignal;
}): Promise<string | undefined> {
  const result = await execa(packerPath, args, {
    cwd: dir,
    reject: false,
    all: true,
    env: { ...env, CHECKPOINT_DISABLE: "1" },
    extendEnv: false,
    ...(signal ? { cancelSignal: signal } : {}),
  });
  if (result.exitCode === 0 || result.isCanceled) return undefined;
  return `${ids}: packer ${args[0]} failed (exit ${result.exitCode}):\n${indent(result.all ?? "")}`;
}

function indent(text: string): string {
  return text
    .trim()
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}
