// Every distinct rendered template is checked by `packer validate` before anything is spent;
// all failures are reported together.

import { execa } from "execa";
import pLimit from "p-limit";
import { UserError } from "../errors.ts";
import { plural } from "../text/plural.ts";
import type { PlannedJob } from "./make-plan.ts";

const VALIDATE_CONCURRENCY = 4;

export async function validateTemplates({
  jobs,
  packerPath,
  env,
}: {
  jobs: readonly PlannedJob[];
  packerPath: string;
  env: NodeJS.ProcessEnv;
}): Promise<{ validated: number }> {
  const byText = new Map<string, PlannedJob[]>();
  for (const planned of jobs)
    byText.set(planned.templateText, [...(byText.get(planned.templateText) ?? []), planned]);
  const problems: string[] = [];
  // `packer init` installs plugins machine-wide: once per template source, before any validate.
  const initialisers = new Map<string, PlannedJob>();
  for (const planned of jobs)
    if (planned.commands.init) initialisers.set(planned.job.template, planned);
  for (const planned of initialisers.values()) {
    const problem = await runPackerStep({
      packerPath,
      env,
      planned,
      args: planned.commands.init ?? [],
      ids: planned.job.template,
    });
    if (problem) problems.push(problem);
  }
  if (problems.length === 0) {
    const limit = pLimit(VALIDATE_CONCURRENCY);
    const failures = await Promise.all(
      [...byText.values()].map((group) =>
        limit(() => {
          const first = group[0] as PlannedJob;
          const ids = group.map((p) => p.job.id).join(", ");
          return runPackerStep({
            packerPath,
            env,
            planned: first,
            args: ["validate", first.templateFile],
            ids,
          });
        }),
      ),
    );
    problems.push(...failures.filter((f) => f !== undefined));
  }
  if (problems.length > 0) {
    throw new UserError(
      `Packer rejected ${plural(problems.length, "rendered template")}; nothing was built:\n${problems.join("\n")}\nFix the template under packer/ or the matrix values it uses.`,
    );
  }
  return { validated: byText.size };
}

async function runPackerStep({
  packerPath,
  env,
  planned,
  args,
  ids,
}: {
  packerPath: string;
  env: NodeJS.ProcessEnv;
  planned: PlannedJob;
  args: readonly string[];
  ids: string;
}): Promise<string | undefined> {
  const result = await execa(packerPath, args, {
    cwd: planned.dir,
    reject: false,
    all: true,
    env: { ...env, CHECKPOINT_DISABLE: "1" },
    extendEnv: false,
  });
  if (result.exitCode === 0) return undefined;
  return `${ids}: packer ${args[0]} failed (exit ${result.exitCode}):\n${indent(result.all ?? "")}`;
}

function indent(text: string): string {
  return text
    .trim()
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}
