// The index is derived, never trusted: a run rebuilds one that disagrees with the cells, and says how.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatIndex } from "../../src/ami-list/index-format.ts";
import { repairIndex } from "../../src/ami-list/repair-index.ts";
import { amiListWith } from "../support/prune-and-sweep-fixtures.ts";
import { makeTempDir } from "../support/temp-dir.ts";

const A = "ami-0000000000000000a";
const B = "ami-0000000000000000b";
const C = "ami-0000000000000000c";

async function indexOf(dir: string): Promise<string> {
  return readFile(path.join(dir, "index.json"), "utf8");
}

describe("repairIndex", () => {
  it("rebuilds an index a crash left behind its cells, naming each difference", async () => {
    const dir = await amiListWith({ "base/us-east-1/hvm": A, "base/us-east-1/pv": B });
    // Written before the crash: one cell missing, one gone since, one with an older id.
    await writeFile(
      path.join(dir, "index.json"),
      formatIndex({ cells: { "base/us-east-1/hvm": C, "base/eu-west-1/hvm": A }, unreadable: [] }),
    );
    const notice = await repairIndex({ dir });
    expect(notice).toBe(
      `${path.join(dir, "index.json")} did not match the AMI list's cell files and was rebuilt from them: 1 cell missing from it (base/us-east-1/pv), 1 entry without a cell file (base/eu-west-1/hvm), 1 entry with another AMI id than the file (base/us-east-1/hvm). ${path.join(dir, "amis.tf.json")} (the AMI list's Terraform outputs) was missing and was written from the cells.`,
    );
    expect(JSON.parse(await indexOf(dir))).toEqual({
      cells: { "base/us-east-1/hvm": A, "base/us-east-1/pv": B },
    });
  });

  it("writes a missing or unreadable index, and says which", async () => {
    const dir = await amiListWith({ "base/us-east-1/hvm": A });
    expect(await repairIndex({ dir })).toContain("it was missing (1 cell on disk)");
    await writeFile(path.join(dir, "index.json"), "{ half");
    expect(await repairIndex({ dir })).toContain("it was not an index ami-matrix reads");
    expect(JSON.parse(await indexOf(dir))).toEqual({ cells: { "base/us-east-1/hvm": A } });
  });

  it("says nothing and writes nothing when the index agrees, or when the list is new and empty", async () => {
    const dir = await amiListWith({ "base/us-east-1/hvm": A });
    await repairIndex({ dir });
    const before = await indexOf(dir);
    expect(await repairIndex({ dir })).toBeUndefined();
    expect(await indexOf(dir)).toBe(before);
    const empty = await makeTempDir();
    expect(await repairIndex({ dir: empty })).toBeUndefined();
    expect(await readFile(path.join(empty, "index.json"), "utf8").catch(() => "absent")).toBe(
      "absent",
    );
  });
});
