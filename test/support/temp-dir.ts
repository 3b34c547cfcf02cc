import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";

// A fresh folder per test, removed when the test ends.
export async function makeTempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "ami-matrix-test-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
