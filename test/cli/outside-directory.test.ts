import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { expect, it } from "vitest";

const project = path.join(import.meta.dirname, "..", "..");

it("runs as `tsx path/to/build-amis.ts` from a directory outside the project", async () => {
  const outside = await mkdtemp(path.join(tmpdir(), "ami-matrix-elsewhere-"));
  try {
    const result = await execa(
      path.join(project, "node_modules", ".bin", "tsx"),
      [path.join(project, "build-amis.ts"), "--dry-run", "--only", "region=us-east-1"],
      { cwd: outside, reject: false, env: { CI: "true" } },
    );
    expect(result.exitCode).toBe(0);
    // Planning's steps go to stderr, so stdout is the plan alone.
    expect(result.stderr.split("\n")[0]).toMatch(/ plan {2}Planning 4 jobs in 1 region /);
    expect(result.stdout).toMatch(/^Plan: 4 jobs in 1 region/);
    // The project's own folders were found from the script, not from the working directory.
    expect(result.stdout).toContain(path.join(project, "ami-list", "base", "us-east-1", "hvm"));
    const runId = /, run (\S+)/.exec(result.stdout)?.[1];
    if (runId) await rm(path.join(project, "runs", runId), { recursive: true, force: true });
  } finally {
    await rm(outside, { recursive: true, force: true });
  }
});
