// Pure: the same matrix always gives the same jobs, in the same order, every setting resolved.
// Just over 200 lines: the settings' merge and each job's fields are one mapping, read top to bottom.

import { CELL_PATH_ADVICE, cellPathProblem } from "../model/cell-path.ts";
import { EC2_VIRTUALIZATION_TYPE, type Job, type Virtualization } from "../model/job.ts";
import { requiredFileName } from "../model/required-files.ts";
import { renderTemplate, TemplateRenderError } from "../templates/template-engine.ts";
import { type Cell, cellMatches, mergeSettings, settingsOf } from "./cell-settings.ts";
import { checkLayers } from "./check-layers.ts";
import { launchFields } from "./launch-settings.ts";
import type { Matrix } from "./schema.ts";

export const DEFAULT_TEMPLATE = "amazon-ebs.pkr.hcl.hbs";
export const DEFAULT_AMI_NAME = "{{image}}-{{virtualization}}";
export const DEFAULT_AMI_LIST_PATH = "{{image}}/{{region}}/{{virtualization}}";
/** Amazon Linux's default user; other images name theirs with sshUsername (Ubuntu's is ubuntu). */
export const DEFAULT_SSH_USERNAME = "ec2-user";

export interface Expansion {
  jobs: Job[];
  problems: string[];
}

export function expandMatrix(matrix: Matrix): Expansion {
  const problems: string[] = [];
  const all = product(matrix);
  const excludes = matrix.exclude ?? [];
  excludes.forEach((exclude, index) => {
    if (!all.some((cell) => cellMatches(cell, exclude))) {
      problems.push(`exclude[${index}]: ${describe(exclude)} matches no cell of the matrix`);
    }
  });
  const cells = all.filter((cell) => !excludes.some((exclude) => cellMatches(cell, exclude)));
  const includes = matrix.include ?? [];
  includes.forEach((include, index) => {
    if (!cells.some((cell) => cellMatches(cell, include))) {
      problems.push(`include[${index}]: ${describe(include)} matches no cell of the matrix`);
    }
  });

  const jobs: Job[] = [];
  const cellProblems = new Map<string, string[]>();
  for (const cell of cells) {
    const job = resolveJob(matrix, cell, (text) => {
      const id = `${cell.image}/${cell.region}/${cell.virtualization}`;
      cellProblems.set(text, [...(cellProblems.get(text) ?? []), id]);
    });
    if (job) jobs.push(job);
  }
  for (const [text, ids] of cellProblems) {
    problems.push(`${ids.length === 1 ? "cell" : "cells"} ${ids.join(", ")}: ${text}`);
  }
  problems.push(...amiListCollisions(jobs), ...checkLayers(matrix, jobs));
  return { jobs, problems };
}

function product(matrix: Matrix): Cell[] {
  const cells: Cell[] = [];
  // Duplicates are reported by the axis rules; expanding them again would only add noise.
  const unique = (values: readonly string[]) => [...new Set(values)];
  for (const image of unique(matrix.axes.image))
    for (const region of unique(matrix.axes.region))
      for (const virtualization of unique(matrix.axes.virtualization))
        cells.push({ image, region, virtualization });
  return cells;
}

function resolveJob(
  matrix: Matrix,
  cell: Cell,
  report: (problem: string) => void,
): Job | undefined {
  const id = `${cell.image}/${cell.region}/${cell.virtualization}`;
  const settings = mergeSettings([
    matrix.defaults,
    matrix.image?.[cell.image],
    matrix.virtualization?.[cell.virtualization],
    matrix.region?.[cell.region],
    ...(matrix.include ?? []).filter((inc) => cellMatches(cell, inc)).map(settingsOf),
  ]);
  // A cell built on another image's AMI needs no source filter of its own.
  const missing = [
    settings.instanceType ? undefined : "instanceType",
    settings.from || settings.sourceAmi?.owners ? undefined : "sourceAmi.owners",
    settings.from || settings.sourceAmi?.name ? undefined : "sourceAmi.name",
  ].filter((field) => field !== undefined);
  if (missing.length > 0) {
    report(
      `no ${missing.join(", ")}; set it in defaults, image.${cell.image}, virtualization.${cell.virtualization}, region.${cell.region} or an include`,
    );
    return undefined;
  }
  const variables = settings.variables ?? {};
  const context = { ...cell, instanceType: settings.instanceType, variables };
  const amiName = renderField({
    field: "amiName",
    pattern: settings.amiName ?? DEFAULT_AMI_NAME,
    context,
    report,
  });
  const amiListFile = renderField({
    field: "amiListPath",
    pattern: settings.amiListPath ?? DEFAULT_AMI_LIST_PATH,
    context,
    report,
  });
  if (amiName === undefined || amiListFile === undefined) return undefined;
  const requiresFiles = settings.requiresFiles ?? [];
  const sameName = requiresFiles.filter(
    (file, i) =>
      requiresFiles.findIndex((other) => requiredFileName(other) === requiredFileName(file)) !== i,
  );
  if (sameName.length > 0) {
    report(
      `requiresFiles: ${sameName.map((f) => `"${f}"`).join(", ")} would land on the instance under a name another file of the cell has; give each file its own name`,
    );
    return undefined;
  }
  const pathProblem = cellPathProblem(amiListFile);
  if (pathProblem) {
    report(`amiListPath gives "${amiListFile}": ${pathProblem}. ${CELL_PATH_ADVICE}`);
    return undefined;
  }
  return {
    id,
    image: cell.image,
    region: cell.region,
    virtualization: cell.virtualization as Virtualization,
    instanceType: settings.instanceType as string,
    sourceAmi: {
      owners: settings.sourceAmi?.owners ?? [],
      name: settings.sourceAmi?.name ?? "",
      architecture: settings.sourceAmi?.architecture ?? "x86_64",
      virtualizationType: EC2_VIRTUALIZATION_TYPE[cell.virtualization as Virtualization],
      rootDeviceType: "ebs",
      includeDeprecated: settings.sourceAmi?.includeDeprecated ?? false,
    },
    amiName,
    amiListFile,
    template: settings.template ?? DEFAULT_TEMPLATE,
    scripts: settings.scripts ?? [],
    requiresFiles,
    sshUsername: settings.sshUsername ?? DEFAULT_SSH_USERNAME,
    variables,
    amiGroups: settings.amiGroups ?? [],
    amiUsers: settings.amiUsers ?? [],
    ...launchFields(settings),
    ...(settings.from ? { from: `${settings.from}/${cell.region}/${cell.virtualization}` } : {}),
    strategy: matrix.strategy ?? "build",
    homeRegion: matrix.homeRegion ?? matrix.axes.region[0] ?? cell.region,
  };
}

function renderField({
  field,
  pattern,
  context,
  report,
}: {
  field: string;
  pattern: string;
  context: object;
  report: (problem: string) => void;
}): string | undefined {
  try {
    return renderTemplate({ name: `${field} "${pattern}"`, source: pattern, context });
  } catch (error) {
    if (!(error instanceof TemplateRenderError)) throw error;
    report(
      `${error.message}; available: image, region, virtualization, instanceType, variables.NAME`,
    );
    return undefined;
  }
}

function amiListCollisions(jobs: readonly Job[]): string[] {
  const byFile = new Map<string, string[]>();
  for (const job of jobs)
    byFile.set(job.amiListFile, [...(byFile.get(job.amiListFile) ?? []), job.id]);
  const problems: string[] = [];
  for (const [file, ids] of byFile) {
    if (ids.length > 1) {
      problems.push(
        `amiListPath: cells ${ids.join(", ")} would all be written to "${file}"; put {{image}}, {{region}} and {{virtualization}} (or other distinguishing values) in the path`,
      );
    }
  }
  // A file that is also a folder of another cell (`a/b` and `a/b/c`) cannot exist either.
  for (const file of byFile.keys()) {
    const clash = [...byFile.keys()].find((other) => other.startsWith(`${file}/`));
    if (clash)
      problems.push(`amiListPath: "${file}" would be both a file and the folder of "${clash}"`);
  }
  return problems;
}

function describe(selector: Partial<Cell>): string {
  const keys = (["image", "virtualization", "region"] as const).filter(
    (k) => selector[k] !== undefined,
  );
  return keys.length === 0 ? "{}" : keys.map((k) => `${k}=${selector[k]}`).join(", ");
}
