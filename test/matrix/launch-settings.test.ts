// The launch settings a matrix gives (network, profile, user data, root volume, Spot, the variables it
// asks its users for), as the jobs carry them, and the mistakes the schema refuses.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import { checkMatrixText } from "../../src/matrix/load-matrix.ts";

const root = path.join(import.meta.dirname, "..", "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

function matrixWith(settings: object, extra: object = {}): string {
  return JSON.stringify({
    axes: { image: ["gpu"], virtualization: ["hvm"], region: ["ap-northeast-2", "us-east-1"] },
    defaults: {
      instanceType: "g5.xlarge",
      sourceAmi: { owners: ["amazon"], name: "al2023-ami-ecs-gpu-hvm-*" },
      ...settings,
    },
    ...extra,
  });
}

function problemsOf(text: string): string[] {
  try {
    checkMatrixText({ file: "m.json", text });
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe("launch settings", () => {
  it("give the GPU batch cells their network from variables, a 30 GB gp3 root and the user's variables", () => {
    const { jobs } = checkMatrixText({
      file: "gpu-batch.json",
      text: read("matrix/gpu-batch.json"),
    });
    expect(jobs.map((j) => j.id)).toEqual(["gpu-batch/ap-northeast-2/hvm"]);
    const [job] = jobs;
    expect(job).toMatchObject({
      instanceType: "g5.xlarge",
      subnetId: { variable: "subnet_id" },
      securityGroupIds: { variable: "security_group_ids" },
      iamInstanceProfile: { variable: "build_instance_profile" },
      rootVolume: { sizeGb: 30, type: "gp3" },
      amiListFile: "gpu-batch/ap-northeast-2/hvm",
    });
    expect(job?.spot).toBeUndefined();
    expect(job?.userVariables?.map((v) => [v.name, v.default])).toEqual([
      ["ecr_registry", undefined],
      ["image_repository", undefined],
      ["image_tag", undefined],
      ["models_s3_uri", ""],
      ["model_urls", ""],
    ]);
  });

  it("give the Dask cells their user data, Ubuntu's login and a GPU type for the GPU variant", () => {
    const { jobs } = checkMatrixText({ file: "dask.json", text: read("matrix/dask.json") });
    const byId = new Map(jobs.map((j) => [j.id, j]));
    expect(byId.get("dask/us-east-1/hvm")).toMatchObject({
      userDataFile: "user-data/dask.cloud-init.yaml",
      sshUsername: "ubuntu",
      rootVolume: { sizeGb: 20, type: "gp3" },
      sourceAmi: { owners: ["099720109477"] },
    });
    expect(byId.get("dask-gpu/eu-west-1/hvm")).toMatchObject({
      instanceType: "g4dn.xlarge",
      userDataFile: "user-data/dask-gpu.cloud-init.yaml",
      sourceAmi: { owners: ["898082745236"] },
    });
    expect(byId.get("dask-gpu/eu-west-1/hvm")?.rootVolume).toBeUndefined();
  });

  it("spell out Spot's shorthand, and let a more specific layer change one field of the root volume", () => {
    const { jobs } = checkMatrixText({
      file: "m.json",
      text: matrixWith(
        { spot: true, rootVolume: { sizeGb: 30 }, subnetId: "subnet-0abc" },
        {
          region: {
            "us-east-1": { rootVolume: { sizeGb: 50 }, spot: { instanceTypes: ["g4dn.xlarge"] } },
          },
        },
      ),
    });
    const [seoul, virginia] = jobs;
    expect(seoul).toMatchObject({
      spot: { maxPrice: "auto", instanceTypes: [] },
      rootVolume: { sizeGb: 30, type: "gp3" },
      subnetId: "subnet-0abc",
    });
    expect(virginia).toMatchObject({
      spot: { maxPrice: "auto", instanceTypes: ["g4dn.xlarge"] },
      rootVolume: { sizeGb: 50, type: "gp3" },
    });
    const off = checkMatrixText({ file: "m.json", text: matrixWith({ spot: false }) });
    expect(off.jobs[0]?.spot).toBeUndefined();
  });

  it("refuse what EC2 or Packer would refuse, each problem named by its field", () => {
    expect(problemsOf(matrixWith({ rootVolume: { sizeGb: 30, type: "io2" } }))).toEqual([
      "defaults.rootVolume.iops: io1 and io2 volumes need iops",
    ]);
    expect(
      problemsOf(matrixWith({ rootVolume: { sizeGb: 30, type: "gp2", throughput: 250 } })),
    ).toEqual(["defaults.rootVolume.throughput: only gp3 volumes take a throughput (got 250)"]);
    const [subnet] = problemsOf(matrixWith({ subnetId: "var.subnet-id" }));
    expect(subnet).toContain('or "var.NAME" for a Packer variable set with --var or --var-file');
    const [price] = problemsOf(matrixWith({ spot: { maxPrice: "cheap" } }));
    expect(price).toContain('must be "auto" or a price in USD per hour');
    const [volume] = problemsOf(matrixWith({ rootVolume: { sizeGb: 30, type: "st1" } }));
    expect(volume).toContain("defaults.rootVolume.type");
  });
});
