import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FLAGS } from "../../src/commands/build/build-flags.ts";
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_KILL_AFTER_SECONDS,
  DEFAULT_REGION_CONCURRENCY,
  DEFAULT_RETRIES,
  DEFAULT_RETRY_DELAY_SECONDS,
} from "../../src/model/run-limits.ts";
import { runCli } from "../support/run-cli.ts";

// The line --help prints for one flag, from its name to the end of its help text.
function helpFor(stdout: string, flag: string): string {
  const match = new RegExp(`--${flag}\\b[^\\n]*(\\n {30,}[^\\n]*)?`).exec(stdout);
  return match?.[0].replace(/\s+/g, " ") ?? "";
}

describe("--help", () => {
  it("lists every flag, each numeric one with the default the run uses, and exits 0", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    for (const flag of FLAGS) expect(stdout).toContain(`--${flag.name}`);
    expect(helpFor(stdout, "concurrency")).toContain(`else ${DEFAULT_CONCURRENCY})`);
    expect(helpFor(stdout, "region-concurrency")).toContain(`else ${DEFAULT_REGION_CONCURRENCY})`);
    expect(helpFor(stdout, "retries")).toContain(`(default: ${DEFAULT_RETRIES})`);
    expect(helpFor(stdout, "retry-delay")).toContain(`(default: ${DEFAULT_RETRY_DELAY_SECONDS})`);
    expect(helpFor(stdout, "kill-after")).toContain(`(default: ${DEFAULT_KILL_AFTER_SECONDS})`);
    expect(helpFor(stdout, "matrix")).toContain("matrix/spark.json");
  });

  it("--version prints package.json's version and exits 0", async () => {
    const manifest = JSON.parse(
      await readFile(path.join(import.meta.dirname, "..", "..", "package.json"), "utf8"),
    );
    const { code, stdout } = await runCli(["--version"]);
    expect(code).toBe(0);
    expect(stdout).toBe(`ami-matrix ${manifest.version}\n`);
  });

  it("rejects an unknown flag with a pointer to --help", async () => {
    const { code, stderr } = await runCli(["--concurency", "4"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--concurency");
    expect(stderr).toContain("--help");
  });
});
