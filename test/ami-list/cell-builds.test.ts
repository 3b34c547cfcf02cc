// The index's build facts: kept only while the cell still holds the AMI they describe.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { repairIndex } from "../../src/ami-list/repair-index.ts";
import { createAmiListWriter } from "../../src/ami-list/writer.ts";
import { makeTempDir } from "../support/temp-dir.ts";

const AMI_A = "ami-0000000000000000a";
const AMI_B = "ami-0000000000000000b";
const build = (ami: string, fingerprint: string) => ({
  ami,
  job: "base/us-east-1/hvm",
  image: "base",
  region: "us-east-1",
  virtualization: "hvm",
  fingerprint,
  durationMs: 1000,
});
const index = async (dir: string) =>
  JSON.parse(await readFile(path.join(dir, "index.json"), "utf8"));

it("records how each cell's AMI was built, and forgets it once the cell names another AMI", async () => {
  const dir = await makeTempDir();
  const writer = createAmiListWriter({ dir });
  await writer.write("base/us-east-1/hvm", AMI_A, build(AMI_A, "f1"));
  expect((await index(dir)).builds["base/us-east-1/hvm"]).toEqual(build(AMI_A, "f1"));

  // A later run that does not say how it was built (or a hand edit) leaves no stale fact behind.
  await writer.write("base/us-east-1/hvm", AMI_B);
  expect((await index(dir)).builds).toBeUndefined();

  // A fresh writer (a later run) keeps the facts of cells it does not touch.
  await createAmiListWriter({ dir }).write("base/us-east-1/hvm", AMI_A, build(AMI_A, "f2"));
  await createAmiListWriter({ dir }).write("spark/us-east-1/hvm", AMI_B);
  expect((await index(dir)).builds["base/us-east-1/hvm"].fingerprint).toBe("f2");
});

it("keeps the facts through a repair of the index, while they still match the cells", async () => {
  const dir = await makeTempDir();
  await createAmiListWriter({ dir }).write("base/us-east-1/hvm", AMI_A, build(AMI_A, "f1"));
  await writeFile(path.join(dir, "spark-extra"), `${AMI_B}\n`);
  expect(await repairIndex({ dir })).toContain("rebuilt");
  const repaired = await index(dir);
  expect(repaired.cells["spark-extra"]).toBe(AMI_B);
  expect(repaired.builds["base/us-east-1/hvm"].fingerprint).toBe("f1");
});
