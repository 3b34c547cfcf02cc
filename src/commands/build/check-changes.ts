// Planning's last step: which cells changed since the AMI list's AMIs were built, said per cell. A
// dry run without AWS cannot tell, and says so; --force rebuilds the selected cells whatever they find.
import type { Ec2Clients } from "../../aws/ec2-clients.ts";
import type { Plan } from "../../plan/make-plan.ts";
import type { PlanningSteps } from "../../preflight/preflight-build.ts";
import { plural } from "../../text/plural.ts";
import type { Decision } from "../../unchanged/decide-changes.ts";

export async function checkChanges({
  plan,
  amiListDir,
  clients,
  force,
  forced,
  steps,
}: {
  plan: Plan;
  amiListDir: string;
  /** Undefined when AWS could not be asked (a dry run without access). */
  clients: Ec2Clients | undefined;
  force: boolean;
  /** The cells --force rebuilds: the ones selected (not those brought in as dependencies). */
  forced: ReadonlySet<string>;
  steps: PlanningSteps;
}): Promise<Map<string, Decision>> {
  // A skipped cell is neither built nor kept: its reason is the plan's (a missing file).
  const jobs = plan.jobs.filter((p) => p.action !== "skip");
  if (!clients) {
    return new Map(
      jobs.map((p) => [p.job.id, { build: true, reason: "not checked (no AWS access)" }]),
    );
  }
  steps.start("changes", `Checking which of ${plural(jobs.length, "cell")} changed`);
  const { findUnchanged } = await import("../../unchanged/find-unchanged.ts");
  const decisions = await findUnchanged({
    jobs,
    amiListDir,
    clients,
    forced: (id) => force && forced.has(id),
  });
  const unchanged = [...decisions.values()].filter((d) => !d.build).length;
  steps.done(
    "changes",
    `Changes: ${plural(jobs.length - unchanged, "cell")} to build or copy, ${unchanged} unchanged${skippedText(plan.jobs.length - jobs.length)}`,
  );
  return decisions;
}

function skippedText(skipped: number): string {
  return skipped > 0 ? `, ${skipped} skipped` : "";
}
