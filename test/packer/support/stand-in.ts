// Runs code against test/fixtures/bin/packer, the stand-in that replays recorded Packer output, with a
// fresh state folder and scenario per test.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { onTestFinished } from "vitest";

export const standInBin = fileURLToPath(new URL("../../fixtures/bin/", import.meta.url));
export const standInPacker = join(standInBin, "packer");

export interface StandIn {
  dir: string;
  state: string;
  env: Record<string, string>;
  /** Calls recorded by the stand-in, oldest first. */
  calls(): Promise<Array<{ pid: number; argv: string[]; cwd: string }>>;
}

export async function prepareStandIn(scenario: unknown = {}): Promise<StandIn> {
  const dir = await mkdtemp(join(tmpdir(), "ami-matrix-packer-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const state = join(dir, "state");
  const scenarioFile = join(dir, "scenario.json");
  await mkdir(state);
  await writeFile(scenarioFile, JSON.stringify(scenario));
  return {
    dir,
    state,
    env: {
      PATH: `${standInBin}${delimiter}${process.env.PATH ?? ""}`,
      FAKE_PACKER_STATE: state,
      FAKE_PACKER_SCENARIO: scenarioFile,
    },
    async calls() {
      const text = await readFile(join(state, "calls.log"), "utf8").catch(() => "");
      return text
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line));
    },
  };
}
