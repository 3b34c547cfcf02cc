// Reading the files requiresFiles names: what is missing, a digest that changes with the content but
// is not a plain SHA-256 of it (the index that keeps it is committed), and a message for one that is
// there but cannot be read.
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import type { Job } from "../../src/model/job.ts";
import { readRequiredFiles } from "../../src/plan/read-required-files.ts";
import { makeTempDir } from "../support/temp-dir.ts";

const job = (requiresFiles: string[]) => ({ requiresFiles }) as Job;

it("finds the missing files and digests the others, keeping their contents only to mask them", async () => {
  const packerDir = await makeTempDir();
  await mkdir(path.join(packerDir, "secrets"));
  await writeFile(path.join(packerDir, "secrets", "token"), "token-value-1234\n");
  const read = () =>
    readRequiredFiles({
      packerDir,
      jobs: [job(["secrets/token", "secrets/license"]), job(["secrets/token"])],
    });
  const first = await read();
  expect([...first.missing]).toEqual(["secrets/license"]);
  expect([...first.digests.keys()]).toEqual(["secrets/token"]);
  expect(first.values).toEqual(["token-value-1234"]);
  const digest = first.digests.get("secrets/token");
  expect(digest).toMatch(/^[0-9a-f]{64}$/);
  for (const text of ["token-value-1234\n", "token-value-1234"])
    expect(digest).not.toBe(createHash("sha256").update(text).digest("hex"));
  expect((await read()).digests.get("secrets/token")).toBe(digest);

  await writeFile(path.join(packerDir, "secrets", "token"), "token-value-5678\n");
  expect((await read()).digests.get("secrets/token")).not.toBe(digest);
});

it("says which file is there but cannot be read, rather than skipping its cells", async () => {
  const packerDir = await makeTempDir();
  await mkdir(path.join(packerDir, "secrets", "license"), { recursive: true });
  const reading = readRequiredFiles({ packerDir, jobs: [job(["secrets/license"])] });
  await expect(reading).rejects.toThrow(UserError);
  await expect(reading).rejects.toThrow(
    "packer/secrets/license (requiresFiles) is there but cannot be read (EISDIR)",
  );
});
