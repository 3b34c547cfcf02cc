// One ec2-local and one scratch folder for a test file, started before its tests and removed after.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type Ec2Local, startEc2Local } from "../../src/ec2-local/index.ts";

export interface Ec2LocalFixture {
  readonly ec2: Ec2Local;
  readonly scratch: string;
}

export function useEc2Local(scratchPrefix: string): Ec2LocalFixture {
  const state: { ec2?: Ec2Local; scratch?: string } = {};
  beforeAll(async () => {
    state.ec2 = await startEc2Local({ port: 0 });
    state.scratch = await mkdtemp(path.join(tmpdir(), scratchPrefix));
  });
  afterAll(async () => {
    await state.ec2?.close();
    if (state.scratch) await rm(state.scratch, { recursive: true, force: true });
  });
  // Each test starts without the faults an earlier one injected.
  beforeEach(() => state.ec2?.setFaults({}));
  return {
    get ec2() {
      if (!state.ec2) throw new Error("ec2-local is not started yet");
      return state.ec2;
    },
    get scratch() {
      if (!state.scratch) throw new Error("the scratch folder is not made yet");
      return state.scratch;
    },
  };
}
