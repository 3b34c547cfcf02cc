// The nightly workflow's path, run here as its runners would: `shards` splits the plan, three runners
// each build their shard with real Packer against one EC2 endpoint, `merge` brings their AMI lists
// into the committed one. The result is the AMI list one run makes: the same 32 cells with the same
// fingerprints, each AMI in its own region, available and tagged by the shard that built it.
import { cp, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { folderBytes } from "../support/folder-bytes.ts";
import { copyProject, runCopy } from "../support/project-copy.ts";
import { CREDENTIALS } from "../support/prune-and-sweep-fixtures.ts";

const E2E_TIMEOUT = 300_000;
const fixture = useEc2Local("ami-matrix-shards-");
const ENV = { ...CREDENTIALS, AWS_POLL_DELAY_SECONDS: "0" };

interface Index {
  cells: Record<string, string>;
  builds: Record<string, { fingerprint?: string }>;
}

async function build(project: string, amiList: string, args: string[] = []) {
  const report = `${amiList}-report.json`;
  const result = await runCopy(
    project,
    ["--ec2-endpoint", fixture.ec2.url, "--ami-list", amiList, "--report", report, ...args],
    ENV,
  );
  expect(result.exitCode, result.stderr).toBe(0);
  const { runId, jobs } = JSON.parse(await readFile(report, "utf8")) as {
    runId: string;
    jobs: { id: string; region: string }[];
  };
  return { runId, jobs };
}

async function indexOf(amiList: string): Promise<Index> {
  return JSON.parse(await readFile(path.join(amiList, "index.json"), "utf8")) as Index;
}

describe("a sharded nightly run", () => {
  it(
    "three shards built apart and merged give the AMI list of one run; a conflicting merge writes nothing",
    async () => {
      const project = await copyProject();
      const scratch = await mkdtemp(path.join(fixture.scratch, "shards-"));
      const committed = path.join(scratch, "committed");
      await mkdir(committed);

      const planned = await runCopy(project, ["shards", "--count", "3", "--json"], ENV);
      expect(planned.exitCode, planned.stderr).toBe(0);
      const { include } = JSON.parse(planned.stdout) as {
        include: { shard: string; regions: string }[];
      };
      expect(include.map((s) => s.shard)).toEqual(["1/3", "2/3", "3/3"]);

      // Each runner starts from the committed list and builds its shard alone.
      const shardLists: string[] = [];
      const builtBy = new Map<string, string>(); // cell → run id of the shard that built it
      const regionOwner = new Map<string, number>();
      for (const [i, { shard, regions }] of include.entries()) {
        const list = path.join(scratch, `shard-${i + 1}`, "ami-list");
        await cp(committed, list, { recursive: true });
        const run = await build(project, list, ["--shard", shard]);
        for (const job of run.jobs) {
          builtBy.set(job.id, run.runId);
          expect(regionOwner.get(job.region) ?? i, `${job.region} in two shards`).toBe(i);
          regionOwner.set(job.region, i);
        }
        expect([...new Set(run.jobs.map((j) => j.region))].sort()).toEqual(
          regions.split(" ").sort(),
        );
        shardLists.push(list);
      }
      expect(builtBy.size).toBe(32);
      expect(regionOwner.size).toBe(8);

      const merged = await runCopy(project, ["merge", "--ami-list", committed, ...shardLists], ENV);
      expect(merged.exitCode, merged.stderr).toBe(0);

      // One run of the whole matrix, for comparison.
      const single = path.join(scratch, "single", "ami-list");
      await build(project, single);

      const [mergedIndex, singleIndex] = [await indexOf(committed), await indexOf(single)];
      expect(Object.keys(mergedIndex.cells).sort()).toEqual(Object.keys(singleIndex.cells).sort());
      expect(Object.keys(mergedIndex.cells)).toHaveLength(32);
      for (const [cell, ami] of Object.entries(mergedIndex.cells)) {
        expect(mergedIndex.builds[cell]?.fingerprint, cell).toBe(
          singleIndex.builds[cell]?.fingerprint,
        );
        expect((await readFile(path.join(committed, cell), "utf8")).trim()).toBe(ami);
        const region = cell.split("/")[1] as string;
        const image = fixture.ec2.images({ region }).find((img) => img.id === ami);
        expect(image?.state, cell).toBe("available");
        expect(image?.tags["ami-matrix:job"], cell).toBe(cell);
        expect(image?.tags["ami-matrix:run"], cell).toBe(builtBy.get(cell));
      }

      // Two shards that both built one cell, to different AMIs: refused, the committed list untouched.
      const cell = Object.keys((await indexOf(shardLists[0] as string)).cells)[0] as string;
      const disagreeing: string[] = [];
      for (const [name, ami] of [
        ["one", "ami-0123456789abcdef0"],
        ["two", "ami-0fedcba9876543210"],
      ]) {
        const list = path.join(scratch, name as string, "ami-list");
        await cp(shardLists[0] as string, list, { recursive: true });
        await writeFile(path.join(list, cell), `${ami}\n`);
        disagreeing.push(list);
      }
      const before = await folderBytes(committed);
      const refused = await runCopy(
        project,
        ["merge", "--ami-list", committed, ...disagreeing],
        ENV,
      );
      expect(refused.exitCode).toBe(2);
      expect(refused.stderr).toContain(cell);
      expect(refused.stderr).toContain("nothing was written");
      expect(await folderBytes(committed)).toEqual(before);
    },
    E2E_TIMEOUT,
  );
});
