// Pure: the plan as a person reads it (--dry-run) and as a script reads it (--dry-run --json).
// Over 200 lines: the text and the JSON of one plan kept together so they cannot disagree.

import path from "node:path";
import type { PlannedJob } from "../../plan/make-plan.ts";
import { ATTEMPT_NOTE } from "../../plan/packer-command.ts";
import { alignColumns } from "../../text/align-columns.ts";
import { pathForDisplay } from "../../text/path-for-display.ts";
import { plural } from "../../text/plural.ts";
import { shellQuote } from "../../text/shell-quote.ts";
import type { Decision } from "../../unchanged/decide-changes.ts";
import { COST_HEADERS, costCells, costSummary } from "./format-cost.ts";
import type { ShownVariables } from "./plan-variables.ts";
import type { PreparedRun } from "./prepare-run.ts";
import { type ShardChoice, shardText } from "./select-shard.ts";

/** What the command line adds to the prepared plan: the shard it cut, the variables it gives. */
export interface PlanExtras {
  shard?: ShardChoice;
  variables?: ShownVariables;
}

export function formatPlanText(run: PreparedRun, cwd: string, extras: PlanExtras = {}): string {
  const { plan, limits, packer } = run;
  const regions = new Set(plan.jobs.map((p) => p.job.region));
  const pinned = run.sourceImages.size > 0;
  const rows = [
    [
      "JOB",
      "IMAGE",
      "REGION",
      "VIRT",
      "INSTANCE",
      ...COST_HEADERS,
      pinned ? "SOURCE AMI" : "SOURCE IMAGE FILTER",
      "AMI LIST FILE",
      "DO",
      "WHY",
    ],
    ...plan.jobs.map(({ job, action, needs, skipReason }) => [
      job.id,
      job.image,
      job.region,
      job.virtualization,
      job.spot ? `${job.instanceType} spot` : job.instanceType,
      ...costCells(run.cost, job.id),
      sourceText(run, job),
      pathForDisplay(path.join(run.amiListDir, job.amiListFile), cwd),
      whatToDo({ decision: run.decisions.get(job.id), action, needs, from: job.from }),
      skipReason ?? run.decisions.get(job.id)?.reason ?? "",
    ]),
  ];
  const costColumns = COST_HEADERS.map((_, i) => 5 + i);
  const commands = plan.jobs.flatMap((planned) => [
    `  ${planned.job.id}`,
    ...commandLines(planned, packer.path).map((line) => `    ${line}`),
  ]);
  return [
    `Plan: ${plural(plan.jobs.length, "job")} in ${plural(regions.size, "region")} (${extras.shard ? `${shardText(extras.shard)}, ` : ""}of the matrix's ${run.totalCells} cells) from ${pathForDisplay(run.matrixFile, cwd)}, run ${plan.runId}`,
    `Limits: ${limits.concurrency} builds at once, ${limits.regionConcurrency} per region; up to ${plural(limits.retries, "retry", "retries")} of a transient failure, the first after ${limits.retryDelaySeconds}s`,
    `Packer: ${packer.path} ${packer.version} (${packer.init ? "packer init runs first and installs the amazon plugin" : "1.6.x: no packer init, no required_plugins"})`,
    ...variableLines(extras.variables, cwd),
    ...(run.awsNotChecked.length > 0
      ? [
          "Source AMIs: not resolved, so the filters are shown; a build would stop at preflight:",
          ...run.awsNotChecked.map((p) => `  - ${p}`),
        ]
      : []),
    ...(run.warnings.length > 0 ? ["", ...warningLines(run.warnings)] : []),
    "",
    alignColumns(rows, { rightAligned: costColumns }).join("\n"),
    "",
    costSummary(run.cost),
    ...addedLines(run),
    "",
    `Commands, run in each job's folder (${ATTEMPT_NOTE}):`,
    ...commands,
    "",
    ...rehearsalNote(run),
    `Rendered templates: ${pathForDisplay(plan.runDir, cwd)}/ (${plural(run.validatedTemplates, "distinct template")}, all passed packer validate)`,
    "Dry run: no build was started and no AMI list file was written.",
  ].join("\n");
}

export function formatPlanJson(run: PreparedRun, extras: PlanExtras = {}): string {
  const { plan } = run;
  const jobJson = ({
    job,
    templateFile,
    commands,
    amiName,
    action,
    needs,
    fingerprint,
    skipReason,
  }: PlannedJob) => ({
    id: job.id,
    action,
    needs,
    fingerprint,
    decision: run.decisions.get(job.id) ?? null,
    skipReason: skipReason ?? null,
    image: job.image,
    region: job.region,
    virtualization: job.virtualization,
    instanceType: job.instanceType,
    spot: job.spot ?? null,
    sourceAmi: job.sourceAmi,
    sourceImage: run.sourceImages.get(job.id) ?? null,
    amiName,
    amiListFile: path.join(run.amiListDir, job.amiListFile),
    template: templateFile,
    scripts: job.scripts,
    requiresFiles: job.requiresFiles,
    cost: run.cost.lines.find((line) => line.id === job.id) ?? null,
    variables: job.variables,
    amiGroups: job.amiGroups,
    amiUsers: job.amiUsers,
    // A skipped cell runs nothing.
    commands:
      action === "skip"
        ? []
        : [
            ...(commands.init ? [[run.packer.path, ...commands.init]] : []),
            [run.packer.path, ...commands.build],
          ],
  });
  return JSON.stringify(
    {
      runId: plan.runId,
      shard: extras.shard ? { index: extras.shard.index, count: extras.shard.count } : null,
      variables: extras.variables ?? { vars: [], files: [] },
      matrix: run.matrixFile,
      runDir: plan.runDir,
      amiListDir: run.amiListDir,
      packer: run.packer,
      limits: run.limits,
      warnings: run.warnings,
      cost: run.cost,
      // The cells asked for; the cells they need but were not asked for come apart, in `added`.
      jobs: plan.jobs.filter((p) => !run.added.has(p.job.id)).map(jobJson),
      added: plan.jobs
        .filter((p) => run.added.has(p.job.id))
        .map((p) => ({ ...jobJson(p), neededBy: run.added.get(p.job.id) })),
    },
    null,
    2,
  );
}

function commandLines(planned: PlannedJob, packerPath: string): string[] {
  if (planned.action === "skip") return [`(skipped: ${planned.skipReason ?? "skipped"})`];
  const { init, build } = planned.commands;
  return [...(init ? [init] : []), build].map((args) =>
    [packerPath, ...args].map(shellQuote).join(" "),
  );
}

// Values of secret or sensitive variables arrive masked; a var file's values are never shown.
function variableLines(variables: ShownVariables | undefined, cwd: string): string[] {
  if (!variables || variables.vars.length + variables.files.length === 0) return [];
  return [
    `Variables (to every template; --var through PKR_VAR_NAME in Packer's environment): ${[
      ...variables.vars.map((v) => `--var ${shellQuote(`${v.name}=${v.value}`)}`),
      ...variables.files.map(
        (f) =>
          `--var-file ${pathForDisplay(f.file, cwd)} (${f.names.length > 0 ? f.names.join(", ") : "sets nothing"})`,
      ),
    ].join(", ")}`,
  ];
}

/** `warning: …`, one per warning; a warning's own further lines stay under it. */
export function warningLines(warnings: readonly string[]): string[] {
  return warnings.map((warning) => `warning: ${warning}`);
}

// In a rehearsal nothing can SSH to the instance, so the plan says which steps will not run.
function rehearsalNote(run: PreparedRun): string[] {
  if (!run.mode.local) return [];
  const scripts = [...new Set(run.plan.jobs.flatMap((p) => p.job.scripts))];
  return [
    `Rehearsal: no SSH to the instances, so these provisioning scripts do not run: ${scripts.join(", ") || "(none)"}; everything else is a real Packer build against ${run.mode.ec2Endpoint ?? "the endpoint"}.`,
    "",
  ];
}

// Where a cell's build starts: its pinned image, its source filter, another cell's AMI, or none (a copy).
function sourceText(run: PreparedRun, job: PlannedJob["job"]): string {
  const planned = run.plan.jobs.find((p) => p.job.id === job.id);
  if (planned?.action === "copy") return `copy of ${planned.needs[0] ?? "?"}`;
  if (job.from) return `AMI of ${job.from}`;
  return run.sourceImages.size > 0
    ? sourceImageText(run.sourceImages.get(job.id))
    : sourceFilterText(job.sourceAmi);
}

function sourceImageText(
  image: { id: string; name: string; deprecationTime?: string } | undefined,
): string {
  if (!image) return "-";
  const deprecated = image.deprecationTime
    ? `, deprecated ${image.deprecationTime.slice(0, 10)}`
    : "";
  return `${image.id} (${image.name}${deprecated})`;
}

function sourceFilterText(filter: PlannedJob["job"]["sourceAmi"]): string {
  return `${filter.owners.join("|")}: ${filter.name} (${filter.architecture}, ${filter.virtualizationType}, ${filter.rootDeviceType})`;
}

// What the run does with the cell: `build`, `build on base/us-east-1/hvm`, `copy from us-east-1`, `keep`,
// `skip`.
function whatToDo({
  decision,
  action,
  needs,
  from,
}: {
  decision: Decision | undefined;
  action: PlannedJob["action"];
  needs: readonly string[];
  from: string | undefined;
}): string {
  if (action === "skip") return "skip";
  if (decision && !decision.build) return "keep";
  if (action === "copy") return `copy from ${needs[0]?.split("/")[1] ?? "?"}`;
  return from ? `build on ${from}` : "build";
}

function addedLines(run: PreparedRun): string[] {
  return [...run.added].map(
    ([id, by]) => `Added ${id}: ${by} needs it (it costs nothing when it is unchanged).`,
  );
}
