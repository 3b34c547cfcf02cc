// AMIs a run left unfinished or never recorded, with their snapshots. Pending and failed ones of
// ami-matrix's (by tag, or by the attempt name `<name>-<run id>-a<N>`); available ones only when a
// run record names their attempt (which did not succeed), or when they carry the attempt name and no
// tags at all: Packer tags an AMI only once it is available, so a killed build leaves it untagged.
// Available AMIs that finished otherwise are prune's to judge.
import { type AmiInfo, isToolTagged } from "../aws/ami-info.ts";
import { parseAttemptName } from "../model/attempt-name.ts";
import { TAG } from "../model/tags.ts";
import type { AttemptState } from "../run-record/run-record.ts";
import { formatDuration } from "../text/durations.ts";
import type { SweepClock } from "./sweep-clock.ts";
import type { SweepPlan } from "./sweep-shapes.ts";

/** An attempt a run record names, found again by its AMI name. */
export interface RecordedAttempt {
  runId: string;
  job: string;
  attempt: number;
  state: AttemptState;
  /** Its run's process (or one of its Packer builds) is still there: nothing of it is swept. */
  running: boolean;
}

export function planImages({
  plan,
  clock,
  images,
  recorded,
  attempts,
}: {
  plan: SweepPlan;
  clock: SweepClock;
  images: readonly AmiInfo[];
  recorded: ReadonlyMap<string, string>;
  attempts: ReadonlyMap<string, RecordedAttempt>;
}): void {
  for (const image of images) {
    const why = leftoverBecause(image, attempts.get(image.name));
    if (!why) continue;
    const spare = (reason: string) => plan.spared.push({ kind: "AMI", id: image.id, reason });
    const created = clock.age(image.creationDate);
    const attempt = attempts.get(image.name);
    const record = recorded.get(image.id);
    if (record) spare(`${image.state}, recorded in ${record}`);
    else if (attempt?.running) spare(`${image.state}; its run ${attempt.runId} is still going`);
    else if (attempt?.state === "succeeded")
      spare(`${image.state}; run ${attempt.runId} wrote it to the AMI list`);
    else if (!clock.oldEnough(created))
      spare(
        `${image.state}, created ${formatDuration(created, "age")} ago, younger than ${clock.threshold}: its build may still be running`,
      );
    else
      plan.deregister.push({
        resource: image,
        reason: `${image.state}, created ${formatDuration(created, "age")} ago; ${why}`,
      });
  }
}

// Why an AMI would be a leftover, or undefined when it is not sweep's to judge.
function leftoverBecause(image: AmiInfo, attempt: RecordedAttempt | undefined): string | undefined {
  const fromName = parseAttemptName(image.name);
  const origin = attempt
    ? `run ${attempt.runId} attempt ${attempt.attempt} of ${attempt.job}`
    : `run ${image.tags[TAG.run] ?? fromName?.runId ?? "?"}${fromName ? ` attempt ${fromName.attempt}` : ""}`;
  if (image.state === "pending" || image.state === "failed") {
    if (isToolTagged(image)) return origin;
    if (fromName || attempt) return `${origin}; untagged, recognised by its name`;
    return undefined;
  }
  if (image.state !== "available") return undefined;
  if (Object.keys(image.tags).length === 0 && (fromName || attempt))
    return `${origin}; untagged, so Packer never finished it`;
  if (attempt) return `${origin}, ${ENDED[attempt.state]}, never in the AMI list`;
  return undefined;
}

const ENDED: Record<AttemptState, string> = {
  running: "cut off while Packer was building",
  built: "cut off before the AMI was verified",
  succeeded: "succeeded",
  failed: "failed",
  interrupted: "interrupted",
};
