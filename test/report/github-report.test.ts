// What a run inside GitHub Actions leaves there: annotations and a failure's last lines in the log (its
// workflow commands), the Markdown summary on the run's page; outside Actions, nothing of it.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { reportToGitHub } from "../../src/report/github-report.ts";
import { createMasker } from "../../src/secrets/mask-secrets.ts";
import { makeOutcome } from "./make-outcome.ts";

const scratch = await mkdtemp(path.join(tmpdir(), "ami-matrix-github-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const outcomes = [
  makeOutcome({
    region: "us-east-1",
    status: "succeeded",
    amis: { "us-east-1": "ami-0123456789abcdef0" },
  }),
  makeOutcome({
    region: "eu-west-1",
    status: "failed",
    error: "Script exited 1 (token hunter2-token)",
    log: "eu.log",
  }),
  makeOutcome({ region: "sa-east-1", status: "interrupted", error: "interrupted by SIGINT" }),
];
const mask = createMasker(["hunter2-token"]);

async function report(env: NodeJS.ProcessEnv, tail: string[] = []) {
  let printed = "";
  await reportToGitHub({
    outcomes,
    env,
    title: "AMI build, run R",
    write: (text) => {
      printed += text;
    },
    mask,
    outputTail: (log) => (log === "eu.log" ? tail : []),
  });
  return printed;
}

describe("reportToGitHub", () => {
  it("prints nothing and writes nothing outside GitHub Actions", async () => {
    const summary = path.join(scratch, "outside.md");
    expect(await report({ GITHUB_STEP_SUMMARY: summary })).toBe("");
    await expect(readFile(summary, "utf8")).rejects.toThrow(/ENOENT/);
  });

  it("annotates failures and interruptions, fencing a failure's output off from the runner", async () => {
    const printed = await report({ GITHUB_ACTIONS: "true" }, [
      "::error::injected by a script",
      "token hunter2-token",
    ]);
    const lines = printed.trimEnd().split("\n");
    const token = /^::stop-commands::(\S+)$/.exec(lines[1] ?? "")?.[1];
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toEqual([
      "::group::spark/eu-west-1/hvm: last lines of output",
      `::stop-commands::${token}`,
      "::error::injected by a script",
      "token ***",
      `::${token}::`,
      "::endgroup::",
      "::error title=spark/eu-west-1/hvm::Script exited 1 (token ***)",
      "::warning title=spark/sa-east-1/hvm::interrupted: interrupted by SIGINT",
    ]);
  });

  it("appends the Markdown summary, masked, to the step summary file", async () => {
    const summary = path.join(scratch, "summary.md");
    await writeFile(summary, "earlier step\n");
    await report({ GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary });
    const text = await readFile(summary, "utf8");
    expect(text).toMatch(
      /^earlier step\n### AMI build, run R: 3 cells, 1 built, 1 failed, 1 interrupted\n/,
    );
    expect(text).toContain("| `spark/us-east-1/hvm` | built | `ami-0123456789abcdef0` |");
    expect(text).toContain("| `spark/eu-west-1/hvm` | failed |  |");
    expect(text).toContain("Script exited 1 (token ***)");
    expect(text).not.toContain("hunter2");
  });

  it("a step summary it cannot write is a warning, not a failed run", async () => {
    const printed = await report({
      GITHUB_ACTIONS: "true",
      GITHUB_STEP_SUMMARY: path.join(scratch, "no", "such.md"),
    });
    expect(printed).toMatch(/^::warning::could not append to the step summary: .*ENOENT/m);
  });
});
