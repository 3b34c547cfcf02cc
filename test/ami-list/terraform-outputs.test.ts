// The AMI list folder is a Terraform module: amis.tf.json says what the cells and the index say, and
// nothing else, and follows every write and repair.
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CellBuild } from "../../src/ami-list/cell-builds.ts";
import { repairIndex } from "../../src/ami-list/repair-index.ts";
import { formatTerraformOutputs } from "../../src/ami-list/terraform-outputs.ts";
import { createAmiListWriter } from "../../src/ami-list/writer.ts";
import { makeTempDir } from "../support/temp-dir.ts";
import { terraformOutputs } from "../support/terraform-json.ts";

const A = "ami-0000000000000000a";
const B = "ami-0000000000000000b";
const C = "ami-0000000000000000c";

function built(job: string, ami: string): CellBuild {
  const [image, region, virtualization] = job.split("/") as [string, string, string];
  return { ami, job, image, region, virtualization };
}

async function outputsIn(dir: string): Promise<Record<string, unknown>> {
  return terraformOutputs(await readFile(path.join(dir, "amis.tf.json"), "utf8"));
}

async function cellsOfIndex(dir: string): Promise<unknown> {
  return JSON.parse(await readFile(path.join(dir, "index.json"), "utf8")).cells;
}

describe("formatTerraformOutputs", () => {
  it("maps image → region → virtualization from the build facts, and every cell by path", () => {
    const text = formatTerraformOutputs({
      cells: { "spark/us-east-1/hvm": A, "spark/us-east-1/pvm": B, "base/eu-west-1/hvm": C },
      builds: {
        "spark/us-east-1/hvm": built("spark/us-east-1/hvm", A),
        // A custom amiListPath: the map uses the job's axes, not the file's name.
        "spark/us-east-1/pvm": built("spark/us-east-1/pv", B),
      },
    });
    expect(terraformOutputs(text)).toEqual({
      amis: { spark: { "us-east-1": { hvm: A, pv: B } } },
      cells: { "spark/us-east-1/hvm": A, "spark/us-east-1/pvm": B, "base/eu-west-1/hvm": C },
    });
  });

  it("leaves out of the map what it cannot say truly", () => {
    const text = formatTerraformOutputs({
      cells: { "a/r/hvm": A, "copy/r/hvm": B, "stale/r/hvm": C, "same-1": A, "same-2": A },
      builds: {
        // Two cells for one image, region and virtualization with different AMIs: neither is sure.
        "a/r/hvm": built("x/r/hvm", A),
        "copy/r/hvm": built("x/r/hvm", B),
        // Facts about an AMI the cell no longer holds.
        "stale/r/hvm": built("stale/r/hvm", A),
        // Two cells that agree are one fact.
        "same-1": built("y/r/pv", A),
        "same-2": built("y/r/pv", A),
      },
    });
    expect(terraformOutputs(text).amis).toEqual({ y: { r: { pv: A } } });
  });

  it("keeps `${` and `%{` literal, in keys and values, so Terraform interpolates nothing", () => {
    const odd = `img-\${x}/r/100%{v}`; // a cell path Terraform would interpolate
    const text = formatTerraformOutputs({ cells: { [odd]: A }, builds: { [odd]: built(odd, A) } });
    expect(text).toContain('"img-$${x}/r/100%%{v}"');
    expect(terraformOutputs(text)).toEqual({
      amis: { "img-${x}": { r: { "100%{v}": A } } },
      cells: { "img-${x}/r/100%{v}": A },
    });
  });

  it("is a Terraform JSON file with outputs alone, byte-stable, with a comment saying who writes it", () => {
    const input = { cells: { "b/r/hvm": B, "a/r/hvm": A }, builds: {} };
    const text = formatTerraformOutputs(input);
    expect(formatTerraformOutputs({ ...input, cells: { "a/r/hvm": A, "b/r/hvm": B } })).toBe(text);
    expect(Object.keys(JSON.parse(text))).toEqual(["//", "output"]);
    expect(JSON.parse(text)["//"]).toMatch(/ami-matrix/);
    expect(terraformOutputs(text)).toEqual({ amis: {}, cells: { "a/r/hvm": A, "b/r/hvm": B } });
  });
});

describe("amis.tf.json in the AMI list folder", () => {
  it("follows every cell write, with the facts each write brings", async () => {
    const dir = await makeTempDir();
    const writer = createAmiListWriter({ dir });
    await writer.write("spark/us-east-1/hvm", A, built("spark/us-east-1/hvm", A));
    await writer.write("base/us-east-1/pv", B); // no facts: in `cells` only
    expect(await outputsIn(dir)).toEqual({
      amis: { spark: { "us-east-1": { hvm: A } } },
      cells: await cellsOfIndex(dir),
    });

    await writer.write("spark/us-east-1/hvm", C, built("spark/us-east-1/hvm", C));
    expect(await outputsIn(dir)).toEqual({
      amis: { spark: { "us-east-1": { hvm: C } } },
      cells: { "base/us-east-1/pv": B, "spark/us-east-1/hvm": C },
    });
  });

  it("is not rewritten when its bytes would not change", async () => {
    const dir = await makeTempDir();
    const writer = createAmiListWriter({ dir });
    await writer.write("spark/us-east-1/hvm", A, built("spark/us-east-1/hvm", A));
    const file = path.join(dir, "amis.tf.json");
    const before = await stat(file);
    await writer.write("spark/us-east-1/hvm", A, built("spark/us-east-1/hvm", A));
    await writer.updateIndex();
    expect((await stat(file)).ino).toBe(before.ino); // an atomic rewrite would be a new file
  });

  it("is rebuilt by a repair: missing, edited by hand, or behind a cell changed by hand", async () => {
    const dir = await makeTempDir();
    const writer = createAmiListWriter({ dir });
    await writer.write("spark/us-east-1/hvm", A, built("spark/us-east-1/hvm", A));
    await writer.write("spark/eu-west-1/hvm", B, built("spark/eu-west-1/hvm", B));
    const file = path.join(dir, "amis.tf.json");
    const good = await readFile(file, "utf8");

    await rm(file);
    expect(await repairIndex({ dir })).toBe(
      `${file} (the AMI list's Terraform outputs) was missing and was written from the cells.`,
    );
    expect(await readFile(file, "utf8")).toBe(good);

    await writeFile(file, good.replace(A, C));
    expect(await repairIndex({ dir })).toBe(
      `${file} did not match the AMI list's cells and was rebuilt from them.`,
    );
    expect(await readFile(file, "utf8")).toBe(good);

    // A hand edit of a cell: the index is rebuilt, the facts about the old AMI dropped, the map too.
    await writeFile(path.join(dir, "spark/us-east-1/hvm"), `${C}\n`);
    expect(await repairIndex({ dir })).toMatch(
      /index\.json did not match .*amis\.tf\.json did not/,
    );
    expect(await outputsIn(dir)).toEqual({
      amis: { spark: { "eu-west-1": { hvm: B } } },
      cells: { "spark/eu-west-1/hvm": B, "spark/us-east-1/hvm": C },
    });
    expect(await repairIndex({ dir })).toBeUndefined();
  });

  it("is never taken for a cell, and no cell may be named like it", async () => {
    const dir = await makeTempDir();
    const writer = createAmiListWriter({ dir });
    await writer.write("spark/us-east-1/hvm", A);
    expect(await cellsOfIndex(dir)).toEqual({ "spark/us-east-1/hvm": A });
    expect((await writer.updateIndex()).unreadable).toEqual([]);
    await expect(writer.write("amis.tf.json", A)).rejects.toThrow(
      /amis\.tf\.json is the AMI list's Terraform outputs/,
    );
  });
});
