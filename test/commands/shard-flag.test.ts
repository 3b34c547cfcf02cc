// `--shard K/N` as N CI runners use it: each runner's dry run lists its part of the plan, the parts are
// disjoint, cover the selection and hold whole regions, and agree with `shards --count N --json`.
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectPaths } from "../../src/project-paths.ts";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { cliEnv } from "../support/prune-and-sweep-fixtures.ts";
import { messageOf, runCli } from "../support/run-cli.ts";
import { standInPackerPath } from "../support/stand-in-run.ts";

const fixture = useEc2Local("ami-matrix-shard-");
const runIds: string[] = [];
afterAll(() =>
  Promise.all(
    runIds.map((id) => rm(path.join(projectPaths.runs, id), { recursive: true, force: true })),
  ),
);

async function dryRun(args: string[]) {
  const result = await runCli(
    ["--dry-run", "--ec2-endpoint", fixture.ec2.url, "--packer", standInPackerPath, ...args],
    { env: cliEnv },
  );
  const runId = /, run (\S+)/.exec(result.stderr)?.[1];
  if (runId) runIds.push(runId);
  return { ...result, runId };
}

interface PlannedJob {
  id: string;
  region: string;
}

describe("--shard K/N", () => {
  it("three runners build disjoint parts that cover the plan, each region in one, as `shards` split it", async () => {
    const matrix = await runCli(["shards", "--count", "3", "--json"]);
    const { include } = JSON.parse(matrix.stdout) as {
      include: { shard: string; regions: string }[];
    };
    const parts: PlannedJob[][] = [];
    for (const { shard, regions } of include) {
      const { code, stdout, stderr } = await dryRun(["--json", "--shard", shard]);
      expect(code).toBe(0);
      const plan = JSON.parse(stdout) as { shard: unknown; jobs: PlannedJob[] };
      const [index, count] = shard.split("/").map(Number);
      expect(plan.shard).toEqual({ index, count });
      expect(stderr.split("\n")[0]).toMatch(
        new RegExp(
          `Planning ${plan.jobs.length} jobs in \\d regions \\(shard ${shard} of 32 jobs, of the matrix's 32 cells\\)`,
        ),
      );
      expect([...new Set(plan.jobs.map((job) => job.region))].sort()).toEqual(
        regions.split(" ").sort(),
      );
      parts.push(plan.jobs);
    }
    expect(parts).toHaveLength(3);
    const ids = parts.flat().map((job) => job.id);
    expect(new Set(ids).size).toBe(32);
    expect(ids).toHaveLength(32);
    const owners = new Map<string, Set<number>>();
    parts.forEach((jobs, i) => {
      for (const job of jobs) owners.set(job.region, (owners.get(job.region) ?? new Set()).add(i));
    });
    expect([...owners.values()].every((shards) => shards.size === 1)).toBe(true);
  });

  it("the text dry run names the shard", async () => {
    const { code, stdout } = await dryRun([
      "--shard",
      "1/2",
      "--only",
      "region=us-east-1,eu-west-1",
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Plan: 4 jobs in 1 region \(shard 1\/2 of 8 jobs, of the matrix's 32 cells\)/,
    );
  });

  it("a shard with no cells says so and exits 0, planning nothing", async () => {
    const before = await readdir(projectPaths.runs).catch((): string[] => []);
    const { code, stdout, stderr } = await dryRun(["--shard", "2/2", "--only", "region=us-east-1"]);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "shard 2/2 has no cells: the 4 selected jobs are in 1 region, and a shard holds whole regions. Nothing to do.\n",
    );
    const after = await readdir(projectPaths.runs).catch((): string[] => []);
    expect(after.filter((run) => !before.includes(run))).toEqual([]);
  });

  it.each(["0/3", "4/3", "1/0", "2", "a/b", "1/257"])(
    "--shard %s is refused with the form",
    async (text) => {
      const { code, stderr } = await dryRun(["--shard", text]);
      expect(code).toBe(2);
      expect(messageOf(stderr).trim()).toBe(
        `error: --shard ${text}: expected K/N, shard K of N shards, with 1 ≤ K ≤ N ≤ 256 (for example --shard 2/3).`,
      );
    },
  );
});
