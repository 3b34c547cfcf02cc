import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { provisioningTail, readProvisioningTail } from "../../src/packer/provisioning-output.ts";
import { recordedLines } from "./support/recordings.ts";

const scratch = await mkdtemp(path.join(tmpdir(), "ami-matrix-tail-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

it("takes the failing script's own lines, stdout and stderr in order, and none of Packer's steps", () => {
  expect(provisioningTail(recordedLines("ebs-script-fails"), { count: 3 })).toEqual([
    "+ echo 'Error: Nothing to do'",
    "Error: Nothing to do",
    "+ exit 1",
  ]);
});

it("has nothing to show for a build that failed before any provisioner ran", () => {
  expect(provisioningTail(recordedLines("ebs-insufficient-capacity"))).toEqual([]);
});

it("reads only the end of a log however big, and finds the script's last lines there", async () => {
  const [before, after] = splitAtProvisioner(recordedLines("ebs-script-fails"));
  const filler = Array.from(
    { length: 4000 },
    (_, i) => `1796073373,,ui,message,    amazon-ebs.main: ${"x".repeat(100)} ${i}`,
  );
  const log = path.join(scratch, "attempt-1.log");
  await writeFile(log, [...before, ...filler, ...after].join("\n"));
  expect(readProvisioningTail(log, 2)).toEqual(["Error: Nothing to do", "+ exit 1"]);
  expect(readProvisioningTail(path.join(scratch, "missing.log"))).toEqual([]);
});

function splitAtProvisioner(lines: string[]): [string[], string[]] {
  const at = lines.findIndex((line) => line.includes("Running local shell script")) + 1;
  return [lines.slice(0, at), lines.slice(at)];
}
