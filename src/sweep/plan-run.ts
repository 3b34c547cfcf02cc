// Pure: `sweep --run`. Everything one run's record leads to in a region goes, whatever its age: the
// record is the proof that the run made it. Only its results stay: an AMI the run wrote to the AMI
// list, or one a report or the AMI list records.
import type { Leftovers } from "../removal/attempt-leftovers.ts";
import type { AttemptRecord } from "../run-record/run-record.ts";
import { runAndJob } from "./plan-instances.ts";
import { emptySweepPlan, type SweepPlan } from "./sweep-shapes.ts";

export function planRunSweep({
  attempts,
  leftovers,
  recorded,
}: {
  /** The record's attempts in this region. */
  attempts: readonly AttemptRecord[];
  leftovers: Leftovers;
  /** AMI ids a report or the AMI list records (id → where): never swept. */
  recorded: ReadonlyMap<string, string>;
}): SweepPlan {
  const plan = emptySweepPlan();
  const of = (a: AttemptRecord) => `${a.job} attempt ${a.attempt}`;
  const by = <K extends keyof AttemptRecord>(field: K, value: AttemptRecord[K]) =>
    attempts.find((a) => a.state !== "succeeded" && a[field] === value) ??
    attempts.find((a) => a[field] === value);

  for (const instance of leftovers.instances) {
    const attempt = by("instanceId", instance.id);
    plan.terminate.push({
      resource: instance,
      reason: `${instance.state}; ${attempt ? `launched for ${of(attempt)}` : runAndJob(instance.tags)}`,
    });
  }
  const usedBy = (uses: (i: Leftovers["instances"][number]) => boolean) =>
    leftovers.instances.find(uses)?.id;
  for (const group of leftovers.groups) {
    const attempt = by("securityGroup", group.name);
    const instance = usedBy((i) => i.groups.some((g) => g.id === group.id));
    plan.deleteGroups.push({
      resource: group,
      reason: `${group.name}: Packer's temporary group for ${attempt ? of(attempt) : (instance ?? "this run")}`,
    });
  }
  for (const key of leftovers.keys) {
    const attempt = by("keyPair", key.name);
    const instance = usedBy((i) => i.keyName === key.name);
    plan.deleteKeys.push({
      resource: key,
      reason: `Packer's temporary key pair for ${attempt ? of(attempt) : (instance ?? "this run")}`,
    });
  }
  for (const template of leftovers.launchTemplates) {
    plan.deleteTemplates.push({
      resource: template,
      reason: `${template.name}: the launch template of a Spot build; ${runAndJob(template.tags)}`,
    });
  }
  for (const image of leftovers.images) {
    const attempt = by("amiName", image.name) ?? by("amiId", image.id);
    const where = recorded.get(image.id);
    if (where) {
      plan.spared.push({
        kind: "AMI",
        id: image.id,
        reason: `${image.state}, recorded in ${where}`,
      });
    } else if (attempt?.state === "succeeded") {
      plan.spared.push({
        kind: "AMI",
        id: image.id,
        reason: `${image.state}; ${of(attempt)} succeeded and wrote it to the AMI list`,
      });
    } else {
      plan.deregister.push({
        resource: image,
        reason: `${image.state}; made by ${attempt ? `${of(attempt)}, which ${attempt.state === "running" ? "never finished" : `ended ${attempt.state}`}` : "this run"}`,
      });
    }
  }
  return plan;
}
