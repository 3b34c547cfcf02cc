// `merge` as CI uses it: shards built separately from a copy of the committed AMI list, then merged
// back into it; and every way a merge must refuse and write nothing.
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lockAmiList } from "../../src/ami-list/lock.ts";
import { createAmiListWriter } from "../../src/ami-list/writer.ts";
import { projectPaths } from "../../src/project-paths.ts";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { folderBytes } from "../support/folder-bytes.ts";
import { runCli } from "../support/run-cli.ts";
import { cellsOf, runWithStandIn } from "../support/stand-in-run.ts";
import { makeTempDir } from "../support/temp-dir.ts";
import { terraformOutputs } from "../support/terraform-json.ts";

const fixture = useEc2Local("ami-matrix-merge-");
const runIds: string[] = [];
afterAll(() =>
  Promise.all(
    runIds.map((id) => rm(path.join(projectPaths.runs, id), { recursive: true, force: true })),
  ),
);

const A = "ami-0000000000000000a";
const B = "ami-0000000000000000b";
const C = "ami-0000000000000000c";

// A report's job that says it wrote B into spark/us-east-1/hvm.
const job = {
  id: "spark/us-east-1/hvm",
  image: "spark",
  region: "us-east-1",
  virtualization: "hvm",
  status: "succeeded",
  amis: { "us-east-1": B },
  amiListFile: "spark/us-east-1/hvm",
};

async function build(args: string[], amiList: string) {
  const run = await runWithStandIn({
    endpoint: fixture.ec2.url,
    scratch: fixture.scratch,
    scenario: { default: { outcomes: ["success"], durationMs: 5 } },
    args,
    amiList,
  });
  if (run.report.runId) runIds.push(run.report.runId);
  expect(run.code, run.stderr).toBe(0);
  return run;
}

async function json(file: string) {
  return JSON.parse(await readFile(file, "utf8"));
}

// A small AMI list as a run leaves it: cells, index.json and amis.tf.json.
async function amiList(dir: string, cells: Record<string, string>): Promise<string> {
  const writer = createAmiListWriter({ dir });
  for (const [file, ami] of Object.entries(cells)) await writer.write(file, ami);
  return dir;
}

describe("merge", () => {
  it("merges three shards, given as an AMI list, a run folder and a report, into their union", async () => {
    const scratch = await makeTempDir();
    const committed = path.join(scratch, "committed");
    const base = ["--only", "image=base"]; // 16 cells in 8 regions, built on nothing: a quick test
    await build(base, committed); // last night's cells
    const shards = [
      "us-east-1,us-west-1,us-west-2",
      "eu-west-1,sa-east-1,ap-northeast-1",
      "ap-southeast-1,ap-southeast-2",
    ];
    const runs = [];
    for (const [i, regions] of shards.entries()) {
      const list = path.join(scratch, `shard-${i + 1}`, "ami-list");
      await cp(committed, list, { recursive: true }); // each runner checks out the committed list
      // --force: tonight's cells are rebuilt even though last night's are still good.
      runs.push(await build([...base, "--force", "--only", `region=${regions}`], list));
    }
    const runFolder = path.join(scratch, "shard-2");
    await cp(runs[1]?.reportFile as string, path.join(runFolder, "report.json"));
    const report3 = path.relative(scratch, runs[2]?.reportFile as string);

    const { code, stdout, stderr } = await runCli(
      ["merge", "--ami-list", "committed", "shard-1/ami-list", "shard-2", report3],
      { cwd: scratch },
    );

    expect(code, stderr).toBe(0);
    const union = Object.fromEntries(
      runs.flatMap((run) => run.report.jobs.map((job) => [job.id, `${job.amis[job.region]}\n`])),
    );
    expect(Object.keys(union)).toHaveLength(16);
    expect(await cellsOf(committed)).toEqual(union);
    expect(stdout).toMatch(/^shard-1\/ami-list\s+AMI list\s+16\s+6\s+10$/m);
    // A run folder claims only the cells its run wrote, not the copy it started from.
    expect(stdout).toMatch(/^shard-2\s+run folder\s+6\s+6\s+0$/m);
    expect(stdout).toMatch(/report\.json\s+report\s+4\s+4\s+0$/m);
    expect(stdout).toContain(
      "Changed 16 cells in committed/, with its index.json and amis.tf.json (0 unchanged, no conflicts).",
    );

    const index = await json(path.join(committed, "index.json"));
    expect(Object.fromEntries(Object.entries(index.cells).map(([f, a]) => [f, `${a}\n`]))).toEqual(
      union,
    );
    // The run folder's and the report's cells keep how their AMIs were built.
    for (const run of runs.slice(1))
      for (const job of run.report.jobs)
        expect(index.builds[job.id]).toMatchObject({ job: job.id, ami: job.amis[job.region] });
    const outputs = terraformOutputs(
      await readFile(path.join(committed, "amis.tf.json"), "utf8"),
    ) as { cells: unknown; amis: Record<string, Record<string, Record<string, string>>> };
    expect(outputs.cells).toEqual(index.cells);
    const facts = index.builds as Record<
      string,
      { image: string; region: string; virtualization: string }
    >;
    for (const [file, fact] of Object.entries(facts))
      expect(outputs.amis[fact.image]?.[fact.region]?.[fact.virtualization]).toBe(
        index.cells[file],
      );
    expect(Object.keys(facts).sort()).toEqual(Object.keys(union).sort()); // every cell is mapped

    // Merged again, now with the shards' reports: nothing changes, and the report sums them.
    const again = await runCli(
      [
        "merge",
        "--ami-list",
        "committed",
        "--report",
        "merged.json",
        path.relative(scratch, runs[0]?.reportFile as string),
        "shard-2",
        report3,
      ],
      { cwd: scratch },
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("Nothing to change in committed/ (16 unchanged, no conflicts).");
    expect(again.stdout).toContain("Report: merged.json (16 jobs: 16 succeeded)");
    const report = await json(path.join(scratch, "merged.json"));
    expect(report.mergedFrom).toEqual(runs.map((run) => run.report.runId));
    expect(report.jobs.map((job: { id: string }) => job.id).sort()).toEqual(
      Object.keys(union).sort(),
    );
    expect(report.summary).toMatchObject({ succeeded: 16, failed: 0 });
  }, 120_000);

  it("refuses two sources that change one cell to different AMIs, naming both, and writes nothing", async () => {
    const scratch = await makeTempDir();
    const target = await amiList(path.join(scratch, "target"), {
      "spark/us-east-1/hvm": A,
      "base/eu-west-1/pv": A,
    });
    await amiList(path.join(scratch, "one"), {
      "spark/us-east-1/hvm": B,
      "base/eu-west-1/pv": C,
    });
    await amiList(path.join(scratch, "two"), {
      "spark/us-east-1/hvm": C,
      "base/eu-west-1/pv": A,
    });
    const before = await folderBytes(target);

    const { code, stderr } = await runCli(
      ["merge", "--ami-list", "target", "--report", "r.json", "one", "two"],
      {
        cwd: scratch,
      },
    ).then(async (result) => result);
    // --report needs reports: that is refused first; without it, the conflict is.
    expect(code).toBe(2);
    expect(stderr).toContain("one has no run report to sum for --report");

    const conflict = await runCli(["merge", "--ami-list", "target", "one", "two"], {
      cwd: scratch,
    });
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toBe(
      [
        "error: Cannot merge: the sources change 1 cell to different AMIs, so nothing was written to target/:",
        `  - spark/us-east-1/hvm: one has ${B}, two has ${C} (target/ has ${A})`,
        "Leave out the source that is wrong (or fix its cell) and merge again.",
        "",
      ].join("\n"),
    );
    expect(await folderBytes(target)).toEqual(before); // base/eu-west-1/pv from `one` was not written either
    expect(await readFile(path.join(scratch, "r.json")).catch(() => "absent")).toBe("absent");
  });

  it("refuses what is not an AMI list, naming each source, and writes nothing", async () => {
    const scratch = await makeTempDir();
    const target = await amiList(path.join(scratch, "target"), { "spark/us-east-1/hvm": A });
    const good = await amiList(path.join(scratch, "good"), { "spark/us-east-1/hvm": B });
    await mkdir(path.join(scratch, "empty"));
    await mkdir(path.join(scratch, "odd", "spark"), { recursive: true });
    await writeFile(path.join(scratch, "odd", "spark", "notes.txt"), "not an AMI id\n");
    await writeFile(path.join(scratch, "other.json"), '{"jobs": "none"}');
    await mkdir(path.join(scratch, "run", "ami-list"), { recursive: true });
    await writeFile(path.join(scratch, "run", "report.json"), "{ half");
    const before = await folderBytes(target);

    const { code, stderr } = await runCli(
      ["merge", "--ami-list", "target", "good", "empty", "odd", "other.json", "run", "missing"],
      { cwd: scratch },
    );

    expect(code).toBe(2);
    expect(stderr).toBe(
      [
        "error: Cannot merge: 5 problems with the sources; nothing was written:",
        "  - empty is not an AMI list: it holds no cell files (and no report.json)",
        '  - odd is not an AMI list: 1 file in it is not a cell (spark/notes.txt: not an AMI id: "not an AMI id")',
        "  - other.json is not an AMI list folder, a run folder or a run report: runId: Invalid input: expected string, received undefined",
        "  - run/report.json is not a run report: it is not valid JSON",
        "  - missing does not exist",
        "",
      ].join("\n"),
    );
    expect(await folderBytes(target)).toEqual(before);
    expect(good).toBeDefined();
  });

  it("refuses a run folder whose AMI list does not hold what its report says it wrote", async () => {
    const scratch = await makeTempDir();
    await amiList(path.join(scratch, "target"), { "spark/us-east-1/hvm": A });
    await amiList(path.join(scratch, "run", "ami-list"), { "spark/us-east-1/hvm": A });
    await writeFile(
      path.join(scratch, "run", "report.json"),
      JSON.stringify({ runId: "r", jobs: [job] }),
    );

    const { code, stderr } = await runCli(["merge", "--ami-list", "target", "run"], {
      cwd: scratch,
    });

    expect(code).toBe(2);
    expect(stderr).toContain(
      `run/ami-list does not match its report: the report says spark/us-east-1/hvm was written with ${B}, the AMI list has ${A}`,
    );
  });

  it("with --dry-run says what would change and writes nothing", async () => {
    const scratch = await makeTempDir();
    const target = await amiList(path.join(scratch, "target"), { "spark/us-east-1/hvm": A });
    await amiList(path.join(scratch, "shard"), {
      "spark/us-east-1/hvm": B,
      "spark/eu-west-1/hvm": C,
    });
    const before = await folderBytes(target);

    const { code, stdout } = await runCli(["merge", "--ami-list", "target", "--dry-run", "shard"], {
      cwd: scratch,
    });

    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`spark/eu-west-1/hvm\\s+\\(new\\) -> ${C}\\s+from shard`));
    expect(stdout).toMatch(new RegExp(`spark/us-east-1/hvm\\s+${A} -> ${B}\\s+from shard`));
    expect(stdout).toContain(
      "Would change 2 cells in target/ (0 unchanged, no conflicts); nothing was written (--dry-run).",
    );
    expect(await folderBytes(target)).toEqual(before);
  });

  it("waits its turn: an AMI list held by a run is refused, naming the run", async () => {
    const scratch = await makeTempDir();
    const target = await amiList(path.join(scratch, "target"), { "spark/us-east-1/hvm": A });
    await amiList(path.join(scratch, "shard"), { "spark/us-east-1/hvm": B });
    const lock = await lockAmiList({
      dir: target,
      runId: "20261130T120000Z-beef",
      wait: false,
      signals: { on: () => {}, off: () => {} } as never,
      notice: () => {},
    });
    try {
      const { code, stderr } = await runCli(["merge", "--ami-list", "target", "shard"], {
        cwd: scratch,
      });
      expect(code).toBe(2);
      expect(stderr).toMatch(/The AMI list target is in use by run 20261130T120000Z-beef/);
      expect(await cellsOf(target)).toEqual({ "spark/us-east-1/hvm": `${A}\n` });
    } finally {
      await lock.release();
    }
  });

  it("refuses a cell the target has no room for, before writing any", async () => {
    const scratch = await makeTempDir();
    const target = await amiList(path.join(scratch, "target"), { "spark/us-east-1/hvm": A });
    await mkdir(path.join(target, "spark", "eu-west-1", "hvm"), { recursive: true }); // a folder in the way
    await amiList(path.join(scratch, "shard"), {
      "spark/us-east-1/hvm": B,
      "spark/eu-west-1/hvm": C,
    });
    const before = await folderBytes(target);

    const { code, stderr } = await runCli(["merge", "--ami-list", "target", "shard"], {
      cwd: scratch,
    });

    expect(code).toBe(2);
    expect(stderr).toContain("Cannot merge into target/: a problem; nothing was written");
    expect(stderr).toContain("the cell spark/eu-west-1/hvm must be a file holding one AMI id");
    expect(await folderBytes(target)).toEqual(before);
  });

  it("says so when the report cannot be written, after the cells were", async () => {
    const scratch = await makeTempDir();
    await amiList(path.join(scratch, "target"), { "spark/us-east-1/hvm": A });
    await writeFile(path.join(scratch, "r.json"), JSON.stringify({ runId: "r", jobs: [job] }));

    const { code, stdout, stderr } = await runCli(
      ["merge", "--ami-list", "target", "--report", "r.json/merged.json", "r.json"],
      { cwd: scratch },
    );

    expect(code).toBe(1);
    expect(stdout).not.toContain("Report:");
    expect(stderr).toMatch(
      /^error: 1 file of the merge could not be written \(the rest was\):\n {2}- the report r\.json\/merged\.json: Could not write .*EEXIST/,
    );
    expect(await cellsOf(path.join(scratch, "target"))).toEqual({
      "spark/us-east-1/hvm": `${B}\n`,
    });
  });

  it("needs a source", async () => {
    const { code, stderr } = await runCli(["merge"]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "error: merge needs at least one SOURCE: an AMI list folder, a run folder or a report file.\n",
    );
  });
});
