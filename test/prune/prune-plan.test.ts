// The pure selection behind prune: what stays, what goes, and the reason shown for each.
import { describe, expect, it } from "vitest";
import type { AmiInfo } from "../../src/aws/ami-info.ts";
import { TAG, TOOL_NAME } from "../../src/model/tags.ts";
import { planOrphanSnapshots } from "../../src/prune/prune-orphans.ts";
import { planPrune } from "../../src/prune/prune-plan.ts";

const OURS = { [TAG.tool]: TOOL_NAME, [TAG.job]: "spark/us-east-1/hvm" };

// AMI number n was made on day n of November: a higher number is newer.
function ami(n: number, overrides: Partial<AmiInfo> = {}): AmiInfo {
  return {
    id: `ami-${String(n).padStart(8, "0")}`,
    name: `spark-hvm-202611${String(n).padStart(2, "0")}T000000Z-abcd-a1`,
    state: "available",
    creationDate: `2026-11-${String(n).padStart(2, "0")}T00:00:00.000Z`,
    snapshotIds: [`snap-${n}`],
    tags: OURS,
    ...overrides,
  };
}

const ids = (decisions: { image: AmiInfo }[]) => decisions.map((d) => d.image.id);

describe("planPrune", () => {
  it("keeps the K newest by creation date, whatever order EC2 lists them in, and removes the rest", () => {
    const plan = planPrune({ images: [ami(2), ami(5), ami(1), ami(4), ami(3)], keep: 3 });
    expect(ids(plan.keep)).toEqual([ami(5).id, ami(4).id, ami(3).id]);
    expect(plan.keep.map((d) => d.reason)).toEqual(["newest", "2nd newest", "3rd newest"]);
    expect(ids(plan.remove)).toEqual([ami(2).id, ami(1).id]);
    expect(plan.remove[0]?.reason).toBe("older than the 3 newest");
  });

  it("always keeps the AMI in the AMI list, even when it is older than the K newest", () => {
    const plan = planPrune({ images: [1, 2, 3, 4].map((n) => ami(n)), keep: 2, listed: ami(1).id });
    expect(ids(plan.keep)).toEqual([ami(4).id, ami(3).id, ami(1).id]);
    expect(plan.keep.find((d) => d.image.id === ami(1).id)?.reason).toBe("in the AMI list");
    expect(ids(plan.remove)).toEqual([ami(2).id]);
  });

  it("says when the listed AMI is also one of the newest", () => {
    const plan = planPrune({ images: [ami(1), ami(2)], keep: 1, listed: ami(2).id });
    expect(plan.keep).toEqual([{ image: ami(2), reason: "in the AMI list, newest" }]);
  });

  it("never removes an AMI without the tool tag, even an old one carrying the job tag", () => {
    const foreign = ami(1, { tags: { [TAG.job]: "spark/us-east-1/hvm" } });
    const plan = planPrune({ images: [foreign, ami(2), ami(3)], keep: 1 });
    expect(ids(plan.remove)).toEqual([ami(2).id]);
    expect(plan.keep.find((d) => d.image.id === foreign.id)?.reason).toBe(
      "not tagged by ami-matrix: never pruned",
    );
  });

  it("never removes a pending AMI, and a pending one takes no place among the K newest", () => {
    const pending = ami(9, { state: "pending" });
    const plan = planPrune({ images: [ami(1), ami(2), ami(3), pending], keep: 2 });
    expect(ids(plan.keep)).toEqual([pending.id, ami(3).id, ami(2).id]);
    expect(plan.keep[0]?.reason).toBe("pending: a build may be running, never pruned");
    expect(ids(plan.remove)).toEqual([ami(1).id]);
  });

  it("removes failed AMIs, which take no place among the K newest either", () => {
    const failed = ami(9, { state: "failed" });
    const plan = planPrune({ images: [ami(1), ami(2), failed], keep: 2 });
    expect(ids(plan.keep)).toEqual([ami(2).id, ami(1).id]);
    expect(plan.remove).toEqual([{ image: failed, reason: "failed: it never became usable" }]);
  });

  it("leaves AMIs in states it does not know alone", () => {
    const odd = ami(1, { state: "disabled" });
    const plan = planPrune({ images: [odd, ami(2)], keep: 1 });
    expect(plan.remove).toEqual([]);
    expect(plan.keep.find((d) => d.image.id === odd.id)?.reason).toBe("disabled: left alone");
  });

  it("breaks ties on the creation date by id, so the same account always gives the same plan", () => {
    const date = "2026-11-01T00:00:00.000Z";
    const twins = [ami(2, { creationDate: date }), ami(1, { creationDate: date })];
    expect(ids(planPrune({ images: twins, keep: 1 }).keep)).toEqual([ami(1).id]);
    expect(ids(planPrune({ images: [...twins].reverse(), keep: 1 }).keep)).toEqual([ami(1).id]);
  });

  it("removes nothing when there are no more than K", () => {
    expect(planPrune({ images: [ami(1), ami(2)], keep: 3 }).remove).toEqual([]);
    expect(planPrune({ images: [], keep: 3 })).toEqual({ keep: [], remove: [] });
  });
});

describe("planOrphanSnapshots", () => {
  it("takes the cell's tagged snapshots no AMI uses any more, and nothing untagged", () => {
    const orphan = { id: "snap-1", tags: OURS };
    const used = { id: "snap-2", tags: OURS };
    const untagged = { id: "snap-3", tags: {} };
    expect(
      planOrphanSnapshots({
        snapshots: [orphan, used, untagged],
        usedByImages: new Set(["snap-2"]),
      }),
    ).toEqual([orphan]);
  });
});
