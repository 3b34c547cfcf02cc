// `sweep --run`'s plan for a Spot attempt: the launch template the run's tags lead to goes, with the
// rest of what the attempt made.
import { describe, expect, it } from "vitest";
import type { Leftovers } from "../../src/removal/attempt-leftovers.ts";
import { planRunSweep } from "../../src/sweep/plan-run.ts";
import { sweepPlanLines, sweepSummary } from "../../src/sweep/sweep-format.ts";

const RUN = "20261201T020000Z-abcd";
const JOB = "gpu-batch/ap-northeast-2/hvm";

describe("planRunSweep with a Spot attempt", () => {
  it("deletes its launch template and says whose it was", () => {
    const leftovers: Leftovers = {
      instances: [],
      groups: [],
      keys: [],
      images: [],
      launchTemplates: [
        {
          id: "lt-0123456789abcdef0",
          name: "packer-fleet-launch-template-ssbs4NX",
          createTime: "2026-12-01T02:01:00.000Z",
          tags: { "ami-matrix:run": RUN, "ami-matrix:job": JOB },
        },
      ],
    };
    const attempt = {
      job: JOB,
      region: "ap-northeast-2",
      attempt: 1,
      amiName: `gpu-batch-hvm-${RUN}-a1`,
      spot: true,
      startedAt: "2026-12-01T02:00:30.000Z",
      state: "interrupted" as const,
    };
    const plan = planRunSweep({ attempts: [attempt], leftovers, recorded: new Map() });
    expect(plan.deleteTemplates.map((c) => c.resource.id)).toEqual(["lt-0123456789abcdef0"]);
    expect(sweepPlanLines(plan)).toEqual([
      `  delete  launch template lt-0123456789abcdef0  packer-fleet-launch-template-ssbs4NX: the launch template of a Spot build; run ${RUN}, job ${JOB}`,
    ]);
    expect(sweepSummary({ plans: [plan], outcomes: [], dryRun: true })).toBe(
      "Dry run: would delete 1 launch template. Nothing was changed.",
    );
  });
});
