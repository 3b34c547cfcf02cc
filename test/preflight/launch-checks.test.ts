// User data and root volumes are checked before any instance is paid for: EC2 and cloud-init would
// refuse or ignore them only once the build runs.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "../../src/model/job.ts";
import { checkRootVolumes } from "../../src/preflight/check-root-volumes.ts";
import { checkUserData } from "../../src/preflight/check-user-data.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "user-data-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("checkUserData", () => {
  it("passes the committed cloud-init files", async () => {
    const packerDir = path.join(import.meta.dirname, "..", "..", "packer");
    const files = ["user-data/dask.cloud-init.yaml", "user-data/dask-gpu.cloud-init.yaml"];
    expect(await checkUserData({ packerDir, files })).toEqual([]);
  });

  it("refuses a file cloud-init would ignore, and one over EC2's 16 KB", async () => {
    await writeFile(path.join(dir, "no-header.yaml"), "packages: [docker.io]\n");
    await writeFile(path.join(dir, "big.yaml"), `#cloud-config\n${"#".repeat(17_000)}\n`);
    await writeFile(path.join(dir, "script.sh"), "#!/bin/sh\necho hi\n");
    const problems = await checkUserData({
      packerDir: dir,
      files: ["no-header.yaml", "big.yaml", "script.sh"],
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain(
      "packer/no-header.yaml does not start with a line cloud-init acts on",
    );
    expect(problems[1]).toContain("packer/big.yaml is 17015 bytes; EC2 takes at most 16384 bytes");
  });
});

describe("checkRootVolumes", () => {
  it("refuses a root volume smaller than the source image's root snapshot", () => {
    const job = { id: "dask-gpu/us-east-1/hvm", rootVolume: { sizeGb: 30, type: "gp3" } } as Job;
    const image = {
      id: "ami-1",
      name: "Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 24.04) 20261104",
      creationDate: "",
      rootVolumeSizeGb: 75,
    };
    expect(checkRootVolumes({ jobs: [job], sourceImages: new Map([[job.id, image]]) })).toEqual([
      "dask-gpu/us-east-1/hvm: rootVolume.sizeGb 30 is smaller than the root snapshot of its source image Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 24.04) 20261104 (75 GB), which EC2 refuses; set rootVolume.sizeGb to at least 75",
    ]);
    const enough = { ...job, rootVolume: { sizeGb: 75, type: "gp3" } };
    expect(checkRootVolumes({ jobs: [enough], sourceImages: new Map([[job.id, image]]) })).toEqual(
      [],
    );
  });
});
