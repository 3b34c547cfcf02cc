import { describe, expect, it } from "vitest";
import { FLAGS } from "../../src/commands/build/build-flags.ts";
import { runCli } from "../support/run-cli.ts";

describe("--help", () => {
  it("lists every flag with its default, and exits 0", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    for (const flag of FLAGS) expect(stdout).toContain(`--${flag.name}`);
    for (const fragment of [
      "else 8)",
      "else 2)",
      "(default: 2)",
      "(default: 30)",
      "(default: 900)",
      "matrix/spark.json",
    ]) {
      expect(stdout).toContain(fragment);
    }
  });

  it("rejects an unknown flag with a pointer to --help", async () => {
    const { code, stderr } = await runCli(["--concurency", "4"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--concurency");
    expect(stderr).toContain("--help");
  });
});
