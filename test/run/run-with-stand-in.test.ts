// Whole runs through the CLI, with the stand-in Packer replaying recorded output per job.
import { EventEmitter } from "node:events";
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectPaths } from "../../src/project-paths.ts";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { clientFor, makeKeyPair, makeSecurityGroup } from "../support/prune-and-sweep-fixtures.ts";
import { runCli } from "../support/run-cli.ts";
import { until } from "../support/until.ts";

const standIn = path.join(import.meta.dirname, "..", "fixtures", "bin", "packer");
// The stand-in builds nothing itself; the endpoint is where it makes its AMIs and where leftovers are checked.
const fixture = useEc2Local("ami-matrix-stand-in-");

interface Scenario {
  default?: Record<string, unknown>;
  jobs?: Record<string, Record<string, unknown>>;
}

async function run(
  scenario: Scenario,
  args: string[] = [],
  options: { signals?: EventEmitter; amiList?: string; dir?: string } = {},
) {
  const dir = options.dir ?? (await mkdtemp(path.join(fixture.scratch, "run-")));
  const state = path.join(dir, "state");
  await mkdir(state);
  const scenarioFile = path.join(dir, "scenario.json");
  await writeFile(scenarioFile, JSON.stringify(scenario));
  const amiList = options.amiList ?? path.join(dir, "ami-list");
  const reportFile = path.join(dir, "report.json");
  const result = await runCli(
    [
      "--packer",
      standIn,
      "--ec2-endpoint",
      fixture.ec2.url,
      "--ami-list",
      amiList,
      "--report",
      reportFile,
      "--retry-delay",
      "0.05",
      ...args,
    ],
    {
      env: {
        ...process.env,
        CI: "true",
        FAKE_PACKER_SCENARIO: scenarioFile,
        FAKE_PACKER_STATE: state,
      },
      signals: options.signals,
    },
  );
  const report = JSON.parse(await readFile(reportFile, "utf8").catch(() => '{"jobs":[]}')) as {
    jobs: {
      id: string;
      region: string;
      status: string;
      attempts: number;
      amis: Record<string, string>;
      error?: string;
    }[];
  };
  const calls = (await readFile(path.join(state, "calls.log"), "utf8").catch(() => ""))
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { pid: number; argv: string[] });
  return { ...result, amiList, report, calls, state };
}

async function cellFiles(amiList: string): Promise<string[]> {
  const entries = await readdir(amiList, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name !== "index.json" && e.name !== "amis.tf.json")
    .map((e) => path.relative(amiList, path.join(e.parentPath, e.name)))
    .sort();
}

// How many attempts of the run have announced their key pair in the run record: Packer is then well
// into its build, past the moment a signal would find it without a handler.
async function announcedKeyPairs(stateDir: string): Promise<number> {
  const calls = (await readFile(path.join(stateDir, "calls.log"), "utf8").catch(() => ""))
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { argv: string[]; cwd: string });
  const cwd = calls.find((c) => c.argv[0] === "build")?.cwd;
  if (!cwd) return 0;
  const text = await readFile(path.join(cwd, "..", "..", "..", "attempts.json"), "utf8").catch(
    () => "{}",
  );
  const attempts = (JSON.parse(text) as { attempts?: { keyPair?: string }[] }).attempts ?? [];
  return attempts.filter((a) => a.keyPair).length;
}

const byId = (report: Awaited<ReturnType<typeof run>>["report"], id: string) =>
  report.jobs.find((j) => j.id === id);

describe("a run with the stand-in Packer", () => {
  it("writes all 32 cells, each with the AMI of its own region", async () => {
    const { code, amiList, report } = await run({
      default: { outcomes: ["success"], durationMs: 20 },
    });
    expect(code).toBe(0);
    expect(await cellFiles(amiList)).toHaveLength(32);
    const job = byId(report, "spark/sa-east-1/pv");
    expect(await readFile(path.join(amiList, "spark", "sa-east-1", "pv"), "utf8")).toBe(
      `${job?.amis["sa-east-1"]}\n`,
    );
  });

  it("retries throttled jobs, each attempt with an AMI name of its own, until they succeed", async () => {
    // Stand-in attempt counters are per scenario key, so each job gets its own key.
    const throttledTwice = { outcomes: ["throttled", "throttled", "success"] };
    const ids = [
      "base/us-east-1/hvm",
      "base/us-east-1/pv",
      "spark/us-east-1/hvm",
      "spark/us-east-1/pv",
    ];
    const { code, report, calls } = await run({
      jobs: Object.fromEntries(ids.map((id) => [`/${id}/`, throttledTwice])),
    });
    expect(code).toBe(0);
    for (const id of ids) expect(byId(report, id)?.attempts).toBe(3);
    expect(byId(report, "base/eu-west-1/hvm")?.attempts).toBe(1);
    const runId = (report as unknown as { runId: string }).runId;
    const names = calls
      .filter((c) => c.argv[0] === "build" && c.argv.at(-1)?.includes("/base/us-east-1/hvm/"))
      .map((c) => c.argv[c.argv.indexOf("-var") + 1]);
    expect(names).toEqual([1, 2, 3].map((n) => `ami_name=base-hvm-${runId}-a${n}`));
    // The AMI in the cell is the one the third attempt made, under the third attempt's name.
    const ami = byId(report, "base/us-east-1/hvm")?.amis["us-east-1"];
    const made = fixture.ec2.images().find((image) => image.id === ami);
    expect(made?.name).toBe(`base-hvm-${runId}-a3`);
  });

  it("tries a template error once and fails only its own cell, exit 1", async () => {
    const amiList = path.join(await mkdtemp(path.join(fixture.scratch, "keep-")), "ami-list");
    await mkdir(path.join(amiList, "spark", "eu-west-1"), { recursive: true });
    await writeFile(path.join(amiList, "spark", "eu-west-1", "hvm"), "ami-00000000000000001\n");
    const { code, report, calls } = await run(
      { jobs: { "/spark/eu-west-1/hvm/": { outcomes: ["template-error"] } } },
      [],
      { amiList },
    );
    expect(code).toBe(1);
    const failed = report.jobs.filter((j) => j.status === "failed");
    expect(failed.map((j) => [j.id, j.attempts])).toEqual([["spark/eu-west-1/hvm", 1]]);
    expect(failed[0]?.error).toMatch(/permanent/);
    expect(
      calls.filter(
        (c) => c.argv[0] === "build" && c.argv.at(-1)?.includes("/spark/eu-west-1/hvm/"),
      ),
    ).toHaveLength(1);
    expect(await readFile(path.join(amiList, "spark", "eu-west-1", "hvm"), "utf8")).toBe(
      "ami-00000000000000001\n",
    );
    expect(await cellFiles(amiList)).toHaveLength(32);
  });

  it("fails a job whose Packer exits 0 without an AMI for its region", async () => {
    const { code, report } = await run(
      { jobs: { "/base/us-west-1/pv/": { outcomes: ["success-without-ami"] } } },
      ["--only", "region=us-west-1"],
    );
    expect(code).toBe(1);
    expect(byId(report, "base/us-west-1/pv")).toMatchObject({ status: "failed", attempts: 1 });
    expect(byId(report, "base/us-west-1/pv")?.error).toContain("reported no AMI for us-west-1");
  });

  it("does not write a cell whose AMI cannot be verified, and says why", async () => {
    // Only verification reads launch permissions, so this fault leaves the builds themselves alone.
    fixture.ec2.setFaults({
      faults: [
        {
          action: "DescribeImageAttribute",
          code: "UnauthorizedOperation",
          status: 403,
          regions: ["us-west-2"],
        },
      ],
    });
    try {
      const { code, report, amiList } = await run({}, [
        "--only",
        "region=us-west-2,us-east-1",
        "--only",
        "image=base",
      ]);
      expect(code).toBe(1);
      const failed = report.jobs.filter((j) => j.status === "failed");
      expect(failed.map((j) => j.id)).toEqual(["base/us-west-2/hvm", "base/us-west-2/pv"]);
      expect(failed[0]?.error).toContain("the AMI list cell was not written");
      expect(failed[0]?.error).toContain("policy");
      expect(await cellFiles(amiList)).toEqual(["base/us-east-1/hvm", "base/us-east-1/pv"]);
    } finally {
      fixture.ec2.setFaults({});
    }
  });

  it("leaves cells outside --only byte for byte as they were", async () => {
    const amiList = path.join(await mkdtemp(path.join(fixture.scratch, "filtered-")), "ami-list");
    await mkdir(path.join(amiList, "base", "eu-west-1"), { recursive: true });
    await writeFile(path.join(amiList, "base", "eu-west-1", "pv"), "ami-0123abcd\r\n");
    const before = await stat(path.join(amiList, "base", "eu-west-1", "pv"));
    const { code } = await run({}, ["--only", "region=us-east-1"], { amiList });
    expect(code).toBe(0);
    expect(await cellFiles(amiList)).toEqual([
      "base/eu-west-1/pv",
      "base/us-east-1/hvm",
      "base/us-east-1/pv",
      "spark/us-east-1/hvm",
      "spark/us-east-1/pv",
    ]);
    expect(await readFile(path.join(amiList, "base", "eu-west-1", "pv"), "utf8")).toBe(
      "ami-0123abcd\r\n",
    );
    expect((await stat(path.join(amiList, "base", "eu-west-1", "pv"))).mtimeMs).toBe(
      before.mtimeMs,
    );
    const index = JSON.parse(await readFile(path.join(amiList, "index.json"), "utf8"));
    expect(index.cells["base/eu-west-1/pv"]).toBe("ami-0123abcd");
  });

  it("on Ctrl-C waits for every Packer to finish its cleanup, keeps finished cells and exits 130", async () => {
    const signals = new EventEmitter();
    const scenario = {
      default: { outcomes: ["success"], durationMs: 4000, cleanupMs: 400 },
      jobs: { "/base/ap-northeast-1/": { outcomes: ["success"], durationMs: 50 } },
    };
    const dir = await mkdtemp(path.join(fixture.scratch, "interrupt-"));
    const stateDir = path.join(dir, "state");
    // The base image alone: no build starts later because its base finished (a late starter is signalled
    // before it has a handler, and has nothing to clean, which this test is not about).
    const pending = run(scenario, ["--only", "image=base"], { signals, dir });
    // Interrupt once the two fast jobs are done and the builds that replaced them are running
    // (a build signalled in its first milliseconds has no handler yet, like real Packer, and nothing to clean).
    for (let i = 0; i < 400 && (await announcedKeyPairs(stateDir)) < 10; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await announcedKeyPairs(stateDir)).toBeGreaterThanOrEqual(10);
    signals.emit("SIGINT");
    const { code, report, amiList } = await pending;
    expect(code).toBe(130);

    const markers = await readdir(stateDir);
    const started = markers.filter((f) => f.startsWith("started-")).map((f) => Number(f.slice(8)));
    const cleaned = new Set(
      markers.filter((f) => f.startsWith("cleaned-")).map((f) => Number(f.slice(8))),
    );
    const interrupted = report.jobs.filter((j) => j.status === "interrupted" && j.attempts > 0);
    expect(interrupted.length).toBeGreaterThan(0);
    // Every build that was still running got the signal and finished its cleanup before the tool exited.
    expect(cleaned.size).toBe(interrupted.length);
    for (const pid of started) {
      expect(() => process.kill(pid, 0)).toThrow();
    }
    const succeeded = report.jobs.filter((j) => j.status === "succeeded").map((j) => j.id);
    expect(succeeded).toEqual(
      expect.arrayContaining(["base/ap-northeast-1/hvm", "base/ap-northeast-1/pv"]),
    );
    expect(await cellFiles(amiList)).toEqual(succeeded.slice().sort());
    expect(
      report.jobs.filter((j) => j.status === "interrupted" && j.attempts === 0).length,
    ).toBeGreaterThan(0);
  });
});

describe("after an interrupt", () => {
  it("removes what Packer announced and left, and says that ami-matrix removed it", async () => {
    // What the recording announces; the stand-in makes none of it, so the endpoint gets it by hand,
    // as if Packer had made it and then failed to remove it.
    const key = "packer_6b0361aa-8dfe-ad68-bd11-d1e4818a8384";
    const group = "packer_6b0361aa-a219-b848-2794-8b99e6a7299e";
    const client = clientFor(fixture.ec2, "us-east-1");
    await makeKeyPair(client, key);
    await makeSecurityGroup(client, group);
    client.destroy();
    const signals = new EventEmitter();
    const dir = await mkdtemp(path.join(fixture.scratch, "announced-"));
    const pending = run(
      { default: { outcomes: ["success"], durationMs: 30_000, cleanupMs: 50 } },
      ["--only", "region=us-east-1", "--only", "image=base", "--only", "virtualization=hvm"],
      { signals, dir },
    );
    const runId = await until("the build to start", async () => {
      const calls = await readFile(path.join(dir, "state", "calls.log"), "utf8").catch(() => "");
      return /ami_name=base-hvm-(\S+)-a1/.exec(calls)?.[1];
    });
    const record = path.join(projectPaths.runs, runId, "attempts.json");
    await until("Packer to announce its security group", () =>
      readFile(record, "utf8")
        .then((text) => text.includes(group))
        .catch(() => false),
    );
    signals.emit("SIGINT");
    const { code, report } = await pending;
    expect(code).toBe(130);
    // The stand-in makes its AMI first thing: the interrupted attempt's AMI goes too.
    const error = byId(report, "base/us-east-1/hvm")?.error ?? "";
    expect(error).toMatch(/^interrupted; Packer exited, and ami-matrix removed what it left: /);
    expect(error).toMatch(new RegExp(`deleted security group sg-\\w+ \\(${group}\\)`));
    expect(error).toContain(`deleted key pair ${key}`);
    expect(error).toMatch(/deregistered AMI ami-\w+ \(available\)/);
    expect(fixture.ec2.keyPairs("us-east-1").map((k) => k.name)).not.toContain(key);
    expect(fixture.ec2.securityGroups("us-east-1").map((g) => g.name)).not.toContain(group);
  });
});

describe("before and after the builds", () => {
  it("reports every template packer validate rejects, together, and builds nothing", async () => {
    // Validated once per distinct template: the first job of each stands for the jobs like it.
    const { code, stderr, calls } = await run({
      jobs: {
        "/base/ap-northeast-1/hvm/": { validate: "error" },
        "/spark/eu-west-1/pv/": { validate: "error" },
      },
    });
    expect(code).toBe(2);
    expect(stderr).toContain("Packer rejected 2 rendered templates; nothing was built");
    expect(stderr).toContain(
      "base/ap-northeast-1/hvm, base/ap-southeast-1/hvm, base/ap-southeast-2/hvm: packer validate failed",
    );
    expect(stderr).toContain(
      "spark/eu-west-1/pv, spark/sa-east-1/pv, spark/us-east-1/pv, spark/us-west-1/pv, spark/us-west-2/pv: packer validate failed",
    );
    expect(calls.filter((c) => c.argv[0] === "build")).toEqual([]);
  });

  it("on a third Ctrl-C kills the builds still cleaning up and says what may be left behind", async () => {
    const signals = new EventEmitter();
    const dir = await mkdtemp(path.join(fixture.scratch, "force-"));
    const stateDir = path.join(dir, "state");
    const pending = run(
      { default: { outcomes: ["success"], durationMs: 8000, cleanupMs: 60_000 } },
      ["--only", "region=us-east-1", "--only", "image=base"],
      { signals, dir },
    );
    // Wait until both builds have announced their key pair in the run record, so each has made
    // something its force-kill leaves behind.
    const announced = () => announcedKeyPairs(stateDir);
    for (let i = 0; i < 400 && (await announced()) < 2; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await announced()).toBe(2);
    const asked = Date.now();
    signals.emit("SIGINT");
    await new Promise((r) => setTimeout(r, 300));
    signals.emit("SIGINT");
    signals.emit("SIGINT");
    const { code, stdout, report } = await pending;
    expect(Date.now() - asked).toBeLessThan(20_000); // not the 60 s cleanup
    expect(code).toBe(130);
    expect(stdout).toContain("WARNING: Ctrl-C again kills");
    const killed = report.jobs.filter((j) => j.status === "interrupted" && j.attempts > 0);
    expect(killed.length).toBe(2);
    expect(killed.every((j) => (j as { mayLeak?: boolean }).mayLeak === true)).toBe(true);
    // The way out names the one command that finds what the killed builds left, whatever its age.
    const runId = (report as unknown as { runId: string }).runId;
    expect(stdout).toContain(`npx tsx build-amis.ts sweep --run ${runId}`);
    // ...from the run record, which names each killed attempt and what Packer had announced.
    const record = JSON.parse(
      await readFile(path.join(projectPaths.runs, runId, "attempts.json"), "utf8"),
    ) as { attempts: { job: string; state: string; amiName: string; keyPair?: string }[] };
    for (const job of killed) {
      const attempt = record.attempts.find((a) => a.job === job.id);
      expect(attempt).toMatchObject({
        state: "interrupted",
        amiName: expect.stringContaining(runId),
      });
      expect(attempt?.keyPair).toMatch(/^packer_/);
    }
  });
});

describe("Packer versions", () => {
  it("plans packer init and required_plugins for Packer 1.7+, and neither for 1.6", async () => {
    const modern = await runCli(["--packer", standIn, "--dry-run", "--only", "region=us-east-1"], {
      env: { ...process.env, FAKE_PACKER_VERSION: "1.11.2" },
    });
    expect(modern.code).toBe(0);
    expect(modern.stdout).toContain("Packer: ");
    expect(modern.stdout).toContain("1.11.2 (packer init runs first");
    expect(modern.stdout).toMatch(/packer init \S+template\.pkr\.hcl/);
    const legacy = await runCli(["--packer", standIn, "--dry-run", "--only", "region=us-east-1"], {
      env: { ...process.env, FAKE_PACKER_VERSION: "1.6.6" },
    });
    expect(legacy.stdout).toContain("1.6.6 (1.6.x: no packer init");
    expect(legacy.stdout).not.toMatch(/packer init /);
  });

  it("says how to install Packer when there is none", async () => {
    const { code, stderr } = await runCli(["--dry-run"], {
      env: { ...process.env, PATH: "/nonexistent", PACKER: "" },
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/apt-get install packer/);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
