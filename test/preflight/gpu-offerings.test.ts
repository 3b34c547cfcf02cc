// GPU types are offered in fewer regions than others: preflight says which region lacks one before
// any instance starts, and a Spot request's other types that a region lacks are only a warning.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { messageOf, runCli } from "../support/run-cli.ts";

const fixture = useEc2Local("gpu-offerings-");
const env = { ...process.env, CI: "true" };

async function gpuMatrixIn(regions: string[], extra: object = {}): Promise<string> {
  const root = path.join(import.meta.dirname, "..", "..");
  const matrix = JSON.parse(await readFile(path.join(root, "matrix", "gpu-batch.json"), "utf8"));
  matrix.axes.region = regions;
  Object.assign(matrix.defaults, extra);
  const file = path.join(fixture.scratch, `gpu-${regions.join("-")}-${Date.now()}.json`);
  await writeFile(file, JSON.stringify(matrix));
  return file;
}

describe("preflight and GPU instance types", () => {
  it("stops where the region does not offer g5.xlarge, naming it and what to do", async () => {
    const matrix = await gpuMatrixIn(["ap-northeast-2", "us-west-1"]);
    fixture.ec2.clearCalls();
    const { code, stderr } = await runCli(
      ["--matrix", matrix, "--ec2-endpoint", fixture.ec2.url, "--dry-run"],
      { env },
    );
    expect(code).toBe(2);
    const message = messageOf(stderr);
    expect(message).toContain(
      "us-west-1: instance type g5.xlarge is not offered there (jobs gpu-batch/us-west-1/hvm); set another instanceType for region.us-west-1 in the matrix (GPU types are offered in fewer regions than others, each family in its own; g4dn is the most widely offered)",
    );
    expect(message).not.toContain("ap-northeast-2: instance type");
    expect(fixture.ec2.calls({ action: "RunInstances" })).toEqual([]);
  });

  it("only warns about a Spot alternative a region lacks", async () => {
    const matrix = await gpuMatrixIn(["us-west-1"], {
      instanceType: "g4dn.xlarge",
      spot: { instanceTypes: ["g5.xlarge"] },
    });
    const { code, stdout } = await runCli(
      ["--matrix", matrix, "--ec2-endpoint", fixture.ec2.url, "--dry-run"],
      { env },
    );
    expect(code).toBe(0);
    expect(stdout).toContain(
      "warning: us-west-1: Spot instance type g5.xlarge is not offered there (jobs gpu-batch/us-west-1/hvm); their Spot requests can only use the other types",
    );
    expect(stdout).toMatch(/gpu-batch\/us-west-1\/hvm .* g4dn\.xlarge spot /);
  });
});
