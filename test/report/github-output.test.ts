import { describe, expect, it } from "vitest";
import { githubCommands, markdownSummary } from "../../src/report/github-output.ts";
import { makeOutcome } from "./make-outcome.ts";

describe("GitHub Actions output", () => {
  const outcomes = [
    makeOutcome({
      image: "base",
      region: "us-east-1",
      status: "succeeded",
      amis: { "us-east-1": "ami-0123456789abcdef0" },
      durationMs: 65_000,
    }),
    makeOutcome({
      image: "spark",
      region: "eu-west-1",
      status: "failed",
      error: "Script exited 1: a, b\nmore",
    }),
    makeOutcome({
      image: "spark",
      region: "sa-east-1",
      status: "skipped",
      error: "not built because base/sa-east-1/hvm failed",
    }),
  ];

  it("annotates each failed cell as an error and each skipped one as a warning, with the failure's last lines in a group", () => {
    const lines = githubCommands(outcomes, {
      tails: new Map([["spark/eu-west-1/hvm", ["+ yum install x", "No package x"]]]),
    });
    expect(lines).toEqual([
      "::group::spark/eu-west-1/hvm: last lines of output",
      "+ yum install x",
      "No package x",
      "::endgroup::",
      "::error title=spark/eu-west-1/hvm::Script exited 1: a, b",
      "::warning title=spark/sa-east-1/hvm::skipped: not built because base/sa-east-1/hvm failed",
    ]);
  });

  it("escapes what would end a command or its properties", () => {
    const [line] = githubCommands([makeOutcome({ status: "failed", error: "100% done\r" })]);
    expect(line).toMatch(/^::error title=[^:]+::100%25 done$/);
  });

  it("summarises the cells in Markdown, with AMI ids and durations", () => {
    const summary = markdownSummary(outcomes);
    expect(summary).toContain("### AMI build: 3 cells, 1 built, 1 failed, 1 skipped");
    expect(summary).toContain(
      "| `base/us-east-1/hvm` | built | `ami-0123456789abcdef0` | 1m 05s |  |",
    );
    expect(summary).toContain("| `spark/eu-west-1/hvm` | failed |  | ");
  });

  it("says which cells were built, copied or kept unchanged", () => {
    const copy = makeOutcome({
      region: "eu-west-1",
      status: "succeeded",
      amis: { "eu-west-1": "ami-0000000000000000c" },
    });
    copy.job = { ...copy.job, strategy: "copy", homeRegion: "us-east-1" };
    const summary = markdownSummary([
      makeOutcome({ status: "succeeded", amis: { "us-east-1": "ami-0000000000000000b" } }),
      copy,
      makeOutcome({ region: "sa-east-1", status: "unchanged", amis: { "sa-east-1": "ami-1" } }),
    ]);
    expect(summary).toContain("### AMI build: 3 cells, 1 built, 1 copied, 1 unchanged");
    expect(summary).toContain("| `spark/eu-west-1/hvm` | copied | `ami-0000000000000000c` |");
    expect(summary).toContain("| `spark/sa-east-1/hvm` | unchanged | `ami-1` |");
  });
});
