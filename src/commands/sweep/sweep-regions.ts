// Both kinds of sweep walk the regions alike: plan each region, print what goes and what stays, carry
// it out unless it is a dry run, then one summary line and what to do about failures.
import type { EC2Client } from "@aws-sdk/client-ec2";
import { pollDelayMs } from "../../aws/poll-delay.ts";
import { createActionLog, describeFailure } from "../../removal/action-log.ts";
import { failureLines, outcomeLines } from "../../removal/removal-text.ts";
import { applySweep } from "../../sweep/sweep-apply.ts";
import { sweepPlanLines, sweepRetryAdvice, sweepSummary } from "../../sweep/sweep-format.ts";
import type { SweepPlan } from "../../sweep/sweep-plan.ts";
import { type AwsTarget, forEachRegion } from "../account-target.ts";

export async function sweepRegions({
  target,
  planRegion,
  dryRun,
  env,
  write,
  retry,
}: {
  target: AwsTarget;
  planRegion: (args: { region: string; client: EC2Client }) => Promise<SweepPlan>;
  dryRun: boolean;
  env: NodeJS.ProcessEnv;
  write: (lines: string[]) => void;
  /** What running sweep again looks like, for the advice after failures. */
  retry: string;
}): Promise<number> {
  const log = createActionLog();
  const plans: SweepPlan[] = [];
  const failures = await forEachRegion({
    target,
    write,
    what: "what is there",
    read: planRegion,
    act: async ({ region, client, found: plan }) => {
      write(sweepPlanLines(plan));
      plans.push(plan);
      if (dryRun) return [];
      const before = log.outcomes.length;
      await applySweep({ client, plan, pollDelayMs: pollDelayMs(env), log });
      const outcomes = log.outcomes.slice(before);
      write(outcomeLines(outcomes, "  "));
      return outcomes
        .filter((o) => o.error !== undefined)
        .map((o) => `${region}: ${describeFailure(o)}`);
    },
  });
  write(["", sweepSummary({ plans, outcomes: log.outcomes, dryRun })]);
  const failed = log.outcomes.filter((o) => o.error !== undefined);
  const advice = sweepRetryAdvice(failed, retry);
  write(failureLines({ failures, retry: advice.join("\n") || `Run ${retry} again to retry.` }));
  return failures.length > 0 ? 1 : 0;
}
