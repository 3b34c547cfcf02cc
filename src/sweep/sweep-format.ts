// What sweep prints: per region a table of what goes and what stays (and why), then one count line.

import type { RemovalOutcome } from "../removal/action-log.ts";
import { displayTime } from "../removal/removal-text.ts";
import { alignColumns } from "../text/align-columns.ts";
import { plural } from "../text/plural.ts";
import { formatThreshold } from "./sweep-duration.ts";
import type { SweepPlan } from "./sweep-plan.ts";

export function sweepHeader({
  now,
  olderThanMs,
  regions,
  dryRun,
}: {
  now: number;
  olderThanMs: number;
  regions: readonly string[];
  dryRun: boolean;
}): string[] {
  const age =
    olderThanMs === 0
      ? "of any age"
      : `older than ${formatThreshold(olderThanMs)} (from before ${displayTime(new Date(now - olderThanMs).toISOString())})`;
  return [
    `Sweep removes what crashed or killed ami-matrix runs left behind, ${age}, in ${plural(regions.length, "region")}: ${regions.join(", ")}.`,
    ...(dryRun ? ["Dry run: nothing is changed."] : []),
  ];
}

export function sweepPlanLines(plan: SweepPlan): string[] {
  const rows = [
    ...plan.terminate.map((c) => ["terminate", `instance ${c.resource.id}`, c.reason]),
    ...plan.deleteGroups.map((c) => ["delete", `security group ${c.resource.id}`, c.reason]),
    ...plan.deleteKeys.map((c) => ["delete", `key pair ${c.resource.name}`, c.reason]),
    ...plan.deleteTemplates.map((c) => ["delete", `launch template ${c.resource.id}`, c.reason]),
    ...plan.deregister.map((c) => [
      "deregister",
      `AMI ${c.resource.id}`,
      c.resource.snapshotIds.length
        ? `${c.reason}; snapshots ${c.resource.snapshotIds.join(", ")}`
        : c.reason,
    ]),
    ...plan.spared.map((s) => ["leave", `${s.kind} ${s.id}`, s.reason]),
  ];
  if (rows.length === 0) return ["  nothing left behind"];
  return alignColumns(rows).map((line) => `  ${line}`);
}

interface Counts {
  instances: number;
  groups: number;
  keys: number;
  templates: number;
  amis: number;
  snapshots: number;
}

export function sweepSummary({
  plans,
  outcomes,
  dryRun,
}: {
  plans: readonly SweepPlan[];
  /** What was done (empty on a dry run). */
  outcomes: readonly RemovalOutcome[];
  dryRun: boolean;
}): string {
  const left = plans.reduce((n, p) => n + p.spared.length, 0);
  const leftNote = left > 0 ? `; ${plural(left, "resource")} left alone (see above)` : "";
  if (dryRun) {
    const counts: Counts = {
      instances: plans.reduce((n, p) => n + p.terminate.length, 0),
      groups: plans.reduce((n, p) => n + p.deleteGroups.length, 0),
      keys: plans.reduce((n, p) => n + p.deleteKeys.length, 0),
      templates: plans.reduce((n, p) => n + p.deleteTemplates.length, 0),
      amis: plans.reduce((n, p) => n + p.deregister.length, 0),
      snapshots: plans.reduce(
        (n, p) => n + p.deregister.reduce((m, c) => m + c.resource.snapshotIds.length, 0),
        0,
      ),
    };
    return `Dry run: would ${actions(counts) || "remove nothing"}${leftNote}. Nothing was changed.`;
  }
  const done = outcomes.filter((o) => o.error === undefined);
  const count = (kind: string) =>
    done.filter((o) => o.kind === kind).reduce((n, o) => n + o.id.split(", ").length, 0);
  const counts: Counts = {
    instances: count("instance"),
    groups: count("security group"),
    keys: count("key pair"),
    templates: count("launch template"),
    amis: count("AMI"),
    snapshots: count("snapshot"),
  };
  return `Swept: ${actions(counts, true) || "nothing to remove"}${leftNote}.`;
}

// `terminate 1 instance, delete 1 security group and 1 key pair, deregister 1 AMI, delete 1 snapshot`
function actions(c: Counts, past = false): string {
  const verb = (v: string) => (past ? `${v.replace(/e$/, "")}ed` : v);
  const deletions = [
    c.groups && plural(c.groups, "security group"),
    c.keys && plural(c.keys, "key pair"),
    c.templates && plural(c.templates, "launch template"),
  ].filter(Boolean);
  return [
    c.instances && `${verb("terminate")} ${plural(c.instances, "instance")}`,
    deletions.length > 0 &&
      `${verb("delete")} ${deletions.length > 1 ? `${deletions.slice(0, -1).join(", ")} and ${deletions.at(-1)}` : deletions[0]}`,
    c.amis && `${verb("deregister")} ${plural(c.amis, "AMI")}`,
    c.snapshots && `${verb("delete")} ${plural(c.snapshots, "snapshot")}`,
  ]
    .filter(Boolean)
    .join(", ");
}

// What a re-run does about each kind of failure, and what it cannot find again.
export function sweepRetryAdvice(failed: readonly RemovalOutcome[], sweep = "sweep"): string[] {
  const kinds = new Set(failed.map((o) => o.kind));
  return [
    ...(kinds.has("instance") || kinds.has("AMI")
      ? [`Run ${sweep} again to retry the instances and AMIs.`]
      : []),
    ...(kinds.has("launch template") ? [`Run ${sweep} again to retry the launch templates.`] : []),
    ...(kinds.has("security group") || kinds.has("key pair")
      ? [
          sweep === "sweep"
            ? "Run sweep again to retry the security groups and key pairs; once their instance is terminated, only --include-untagged-packer-temporaries finds them."
            : `Run ${sweep} again to retry the security groups and key pairs.`,
        ]
      : []),
    ...(kinds.has("snapshot")
      ? [
          "A snapshot whose AMI is already deregistered is not found again: delete it with `aws ec2 delete-snapshot --region REGION --snapshot-id ID`.",
        ]
      : []),
  ];
}
