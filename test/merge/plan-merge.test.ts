// The merge's rules, on their own: the target is the base, a source's equal cell is no claim, two
// different claims on one cell are a conflict, and agreeing sources are one change.
import { describe, expect, it } from "vitest";
import type { CellBuild } from "../../src/ami-list/cell-builds.ts";
import type { MergeSource } from "../../src/merge/merge-source.ts";
import { planMerge } from "../../src/merge/plan-merge.ts";

const A = "ami-0000000000000000a";
const B = "ami-0000000000000000b";
const C = "ami-0000000000000000c";
const D = "ami-0000000000000000d";

function source(
  name: string,
  cells: Record<string, string>,
  builds: Record<string, CellBuild> = {},
): MergeSource {
  return { name, kind: "AMI list", cells, builds };
}

function built(job: string, ami: string, fingerprint?: string): CellBuild {
  const [image, region, virtualization] = job.split("/") as [string, string, string];
  return { ami, job, image, region, virtualization, ...(fingerprint && { fingerprint }) };
}

describe("planMerge", () => {
  it("takes each source's changes against the target, and counts what each holds as it is", () => {
    const target = { "x/r1/hvm": A, "x/r2/hvm": A, "x/r3/hvm": A };
    const plan = planMerge({
      target,
      sources: [
        source("one", { ...target, "x/r1/hvm": B }),
        source("two", { ...target, "x/r2/hvm": C }),
        source("three", { "x/r4/pv": D }),
      ],
    });
    expect(plan.conflicts).toEqual([]);
    expect(plan.changes).toEqual([
      { file: "x/r1/hvm", ami: B, before: A, sources: ["one"] },
      { file: "x/r2/hvm", ami: C, before: A, sources: ["two"] },
      { file: "x/r4/pv", ami: D, sources: ["three"] },
    ]);
    expect(
      plan.tallies.map(({ name, cells, changed, unchanged }) => [name, cells, changed, unchanged]),
    ).toEqual([
      ["one", 3, 1, 2],
      ["two", 3, 1, 2],
      ["three", 1, 1, 0],
    ]);
    expect(plan.unchanged).toEqual(["x/r3/hvm"]);
  });

  it("keeps a source's cell that still holds the target's AMI out of every conflict", () => {
    // Shard one did not build r1: its copy of the target is no claim against shard two's build.
    const plan = planMerge({
      target: { "x/r1/hvm": A },
      sources: [source("one", { "x/r1/hvm": A }), source("two", { "x/r1/hvm": B })],
    });
    expect(plan.conflicts).toEqual([]);
    expect(plan.changes.map((c) => [c.file, c.ami, c.sources])).toEqual([["x/r1/hvm", B, ["two"]]]);
  });

  it("names every source and AMI of a cell changed two ways", () => {
    const plan = planMerge({
      target: { "x/r1/hvm": A },
      sources: [
        source("one", { "x/r1/hvm": B }),
        source("two", { "x/r1/hvm": C }),
        source("three", { "x/r2/hvm": D }),
      ],
    });
    expect(plan.conflicts).toEqual([
      {
        file: "x/r1/hvm",
        before: A,
        claims: [
          { source: "one", ami: B },
          { source: "two", ami: C },
        ],
      },
    ]);
  });

  it("makes one change of two sources that agree, with the build facts of the AMI it writes", () => {
    const plan = planMerge({
      target: {},
      sources: [
        source("one", { "x/r1/hvm": B }, { "x/r1/hvm": built("x/r1/hvm", A, "old") }),
        source("two", { "x/r1/hvm": B }, { "x/r1/hvm": built("x/r1/hvm", B, "new") }),
      ],
    });
    expect(plan.changes).toEqual([
      { file: "x/r1/hvm", ami: B, sources: ["one", "two"], build: built("x/r1/hvm", B, "new") },
    ]);
  });
});
