import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";

const outside = await mkdtemp(path.join(tmpdir(), "ami-matrix-cwd-"));
const runDirs: string[] = [];
afterAll(async () => {
  await Promise.all([outside, ...runDirs].map((dir) => rm(dir, { recursive: true, force: true })));
});

function remember(stdout: string): void {
  const runDir = /"runDir": "([^"]+)"/.exec(stdout)?.[1];
  if (runDir) runDirs.push(runDir);
}

describe("--dry-run", () => {
  it("lists the 32 Spark jobs in 8 regions from a directory outside the project", async () => {
    const { code, stdout, stderr } = await runCli(["--dry-run"], { cwd: outside });
    expect(code).toBe(0);
    // Planning says what it does from its first line, on stderr: stdout is the plan itself.
    expect(stderr.split("\n")[0]).toMatch(
      /^\d\d:\d\d:\d\d plan {2}Planning 32 jobs in 8 regions \(of the matrix's 32 cells\) from \S*spark\.json, run \S+$/,
    );
    expect(stderr).toMatch(
      /plan {2}Templates: \d+ distinct templates for 32 jobs passed packer validate\n/,
    );
    expect(stdout).toMatch(/^Plan: 32 jobs in 8 regions \(of the matrix's 32 cells\)/);
    expect(stdout).toContain("Limits: 8 builds at once, 2 per region");
    expect(stdout).toMatch(
      /base\/us-west-2\/pv +base +us-west-2 +pv +m3\.medium +~\$0\.067 +\$0\.0\d+ +\$0\.40 +amazon: amzn-ami-pv-\*-x86_64-ebs/,
    );
    // The Spark image is the base image plus Spark.
    expect(stdout).toMatch(
      /spark\/us-west-2\/pv +spark +us-west-2 +pv +m3\.medium +~\$0\.067 +\$0\.0\d+ +\$0\.40 +AMI of base\/us-west-2\/pv /,
    );
    expect(stdout).toMatch(
      /build -machine-readable -color=false -var ami_name=spark-3\.5\.3-hadoop3-pv-\d{8}T\d{6}Z-[0-9a-f]{4}-a1 /,
    );
    expect(stdout).toContain("no build was started and no AMI list file was written");
    runDirs.push(
      path.join(import.meta.dirname, "..", "..", "runs", /, run (\S+)/.exec(stdout)?.[1] ?? "none"),
    );
  });

  it("filters with --only and --exclude", async () => {
    const only = await runCli(["--dry-run", "--json", "--only", "region=us-east-1"], {
      cwd: outside,
    });
    remember(only.stdout);
    expect(only.code).toBe(0);
    const plan = JSON.parse(only.stdout);
    expect(plan.jobs.map((j: { id: string }) => j.id)).toEqual([
      "base/us-east-1/hvm",
      "base/us-east-1/pv",
      "spark/us-east-1/hvm",
      "spark/us-east-1/pv",
    ]);
    const excluded = await runCli(
      ["--dry-run", "--json", "--exclude", "virtualization=pv", "--exclude", "image=base"],
      { cwd: outside },
    );
    remember(excluded.stdout);
    expect(JSON.parse(excluded.stdout).jobs).toHaveLength(8);
  });

  it("prints the plan as JSON for scripts, with every setting resolved", async () => {
    const { code, stdout } = await runCli(
      ["--dry-run", "--json", "--only", "image=spark", "--only", "region=eu-west-1"],
      { cwd: outside },
    );
    remember(stdout);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.jobs[0]).toMatchObject({
      id: "spark/eu-west-1/hvm",
      image: "spark",
      region: "eu-west-1",
      virtualization: "hvm",
      instanceType: "m5.large",
      sourceAmi: {
        owners: ["amazon"],
        name: "al2023-ami-2023.*-kernel-*-x86_64",
        virtualizationType: "hvm",
      },
      variables: { spark_version: "3.5.3", hadoop_version: "3" },
      amiGroups: ["all"],
    });
    expect(plan.jobs[0].amiListFile).toMatch(/ami-list\/spark\/eu-west-1\/hvm$/);
    expect(plan.jobs[0].commands.at(-1).slice(1, 6)).toEqual([
      "build",
      "-machine-readable",
      "-color=false",
      "-var",
      `ami_name=spark-3.5.3-hadoop3-hvm-${plan.runId}-a1`,
    ]);
  });

  it("selects job-id globs as Packer users write them", async () => {
    const { code, stdout } = await runCli(["--only", "spark/us-*/hvm", "--dry-run", "--json"], {
      cwd: outside,
    });
    remember(stdout);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).jobs.map((j: { id: string }) => j.id)).toEqual([
      "spark/us-east-1/hvm",
      "spark/us-west-1/hvm",
      "spark/us-west-2/hvm",
    ]);
  });

  it("writes no AMI list file", async () => {
    const amiList = await mkdtemp(path.join(outside, "ami-list-"));
    const { code, stdout } = await runCli(["--dry-run", "--json", "--ami-list", amiList], {
      cwd: outside,
    });
    remember(stdout);
    expect(code).toBe(0);
    expect(await readdir(amiList)).toEqual([]);
  });

  it("exits 2 naming an unknown region in the matrix, without a stack trace", async () => {
    const file = path.join(outside, "bad.json");
    await writeFile(
      file,
      JSON.stringify({
        axes: { image: ["base"], virtualization: ["hvm"], region: ["us-east-1", "eu-wets-1"] },
      }),
    );
    const { code, stderr, stdout } = await runCli(["--dry-run", "--matrix", "bad.json"], {
      cwd: outside,
    });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("bad.json");
    expect(stderr).toContain(
      'axes.region[1]: "eu-wets-1" is not an AWS region; did you mean "eu-west-1"?',
    );
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("refuses, before any build, an amiListPath the AMI list writer would refuse", async () => {
    const spark = JSON.parse(
      await readFile(path.join(import.meta.dirname, "..", "..", "matrix", "spark.json"), "utf8"),
    );
    spark.defaults.amiListPath = ".hidden/{{image}}/{{region}}/{{virtualization}}";
    await writeFile(path.join(outside, "hidden.json"), JSON.stringify(spark));
    const { code, stderr, stdout } = await runCli(["--dry-run", "--matrix", "hidden.json"], {
      cwd: outside,
    });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("hidden.json");
    expect(stderr).toContain(
      "amiListPath gives \".hidden/base/ap-northeast-1/hvm\": a segment starts with '.'",
    );
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("exits 2 on a filter naming an unknown axis or value, listing the valid ones", async () => {
    const axis = await runCli(["--dry-run", "--only", "os=linux"], { cwd: outside });
    expect(axis.code).toBe(2);
    expect(axis.stderr).toContain('unknown axis "os"; axes: image, virtualization, region');
    const value = await runCli(["--dry-run", "--only", "virtualization=pvm"], { cwd: outside });
    expect(value.code).toBe(2);
    expect(value.stderr).toContain(
      '"pvm" not in the matrix\'s virtualization axis; values: hvm, pv',
    );
  });

  it.each([
    ["--concurrency", "0", "expected a whole number from 1 to 256"],
    ["--concurrency", "1e9", "expected a whole number from 1 to 256"],
    ["--concurrency", "0x10", "expected a whole number from 1 to 256"],
    ["--retries", "1e6", "expected a whole number from 0 to 20"],
    ["--kill-after", "1e12", "expected a number from 0 to 86400"],
    ["--retry-delay", "7200", "expected a number from 0 to 3600"],
  ])("exits 2 on %s %s, naming the range", async (flag, value, expected) => {
    const { code, stderr, stdout } = await runCli([flag, value, "--dry-run"], { cwd: outside });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(`${flag} ${value}: ${expected}`);
  });
});
