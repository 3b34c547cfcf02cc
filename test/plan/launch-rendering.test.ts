// What the template makes of the launch settings, for a real build: user data by path, the root volume
// on the source image's root device, Spot, network and script inputs from the user's variables; and
// what of it is part of a cell's fingerprint. The rendered templates pass Packer 1.6.6's validate.

import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { checkMatrixText } from "../../src/matrix/load-matrix.ts";
import type { Job } from "../../src/model/job.ts";
import { changedInputs } from "../../src/plan/fingerprint.ts";
import { makePlan, type PinnedSource } from "../../src/plan/make-plan.ts";

const root = path.join(import.meta.dirname, "..", "..");
const packerDir = path.join(root, "packer");
const template = readFileSync(path.join(packerDir, "amazon-ebs.pkr.hcl.hbs"), "utf8");
const jobsOf = (file: string) =>
  checkMatrixText({ file, text: readFileSync(path.join(root, file), "utf8") }).jobs;
const [gpuBatch] = jobsOf("matrix/gpu-batch.json") as [Job];
const dask = jobsOf("matrix/dask.json");

function planned(
  job: Job,
  {
    source = { id: "ami-0123456789abcdef0", name: "source", rootDeviceName: "/dev/xvda" },
    fileDigests = new Map<string, string>(),
  }: { source?: PinnedSource | null; fileDigests?: Map<string, string> } = {},
) {
  const plan = makePlan({
    jobs: [job],
    runId: "RUN",
    runDir: "/project/runs/RUN",
    packerDir,
    templates: new Map([["amazon-ebs.pkr.hcl.hbs", template]]),
    needsInit: false,
    mode: { local: false },
    sourceImages: source ? new Map([[job.id, source]]) : new Map(),
    fileDigests,
  });
  const [first] = plan.jobs;
  if (!first) throw new Error("no planned job");
  return first;
}

describe("the GPU batch template", () => {
  const text = planned(gpuBatch).templateText;

  it("sizes the root volume on the source image's root device, gp3 at its free baseline", () => {
    expect(text).toContain(`  launch_block_device_mappings {
    device_name           = "/dev/xvda"
    volume_size           = 30
    volume_type           = "gp3"
    iops                  = 3000
    throughput            = 125
    delete_on_termination = true
  }`);
  });

  it("takes subnet, security groups and profile from variables a rehearsal can leave unset", () => {
    expect(text).toContain("  subnet_id = var.subnet_id\n");
    expect(text).toContain("  security_group_ids = var.security_group_ids\n");
    expect(text).toContain("  iam_instance_profile = var.build_instance_profile\n");
    expect(text).toMatch(
      /variable "security_group_ids" \{\n {2}type {8}= list\(string\)\n {2}default {5}= \[\]/,
    );
    expect(text).toMatch(/variable "subnet_id" \{\n {2}type {8}= string\n {2}default {5}= ""/);
  });

  it("hands the user's variables to the script as environment variables, values never in the text", () => {
    expect(text).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolations, on purpose
      'environment_vars = ["ECR_REGISTRY=${var.ecr_registry}", "IMAGE_REPOSITORY=${var.image_repository}", "IMAGE_TAG=${var.image_tag}", "MODELS_S3_URI=${var.models_s3_uri}", "MODEL_URLS=${var.model_urls}"]',
    );
    expect(text).toContain('ssh_username = "ec2-user"');
    expect(text).not.toContain("spot_price");
  });

  it("asks for a Spot instance where the job is on Spot, tagging the launch template with the run", () => {
    const spot = planned({
      ...gpuBatch,
      spot: { maxPrice: "auto", instanceTypes: [] },
    }).templateText;
    expect(spot).toContain('  spot_price = "auto"\n');
    expect(spot).toMatch(/spot_tags {2}= \{\n(.*\n)*? {4}"ami-matrix:run" = "RUN"/);
    expect(spot).toContain('instance_type   = "g5.xlarge"');
    const flexible = planned({
      ...gpuBatch,
      spot: { maxPrice: "1.20", instanceTypes: ["g4dn.xlarge", "g5.xlarge"] },
    }).templateText;
    expect(flexible).toContain('spot_instance_types = ["g5.xlarge", "g4dn.xlarge"]');
    expect(flexible).toContain('spot_price = "1.20"');
    expect(flexible).not.toContain("instance_type   =");
  });

  it("says so where the source image, and so its root device, is not known yet", () => {
    const unpinned = planned(gpuBatch, { source: null }).templateText;
    expect(unpinned).toContain(
      "    # The source image's root device is not known until its AMI is pinned.\n",
    );
  });
});

describe("the Dask templates", () => {
  const [cpu, gpu] = [dask[0] as Job, dask.find((j) => j.image === "dask-gpu") as Job];

  it("pass the cloud-init file by its path, never its content, and log in as ubuntu", () => {
    const text = planned(cpu, {
      source: { id: "ami-0123456789abcdef0", name: "noble", rootDeviceName: "/dev/sda1" },
    }).templateText;
    expect(text).toContain(
      `  user_data_file = "${path.join(packerDir, "user-data", "dask.cloud-init.yaml")}"\n`,
    );
    expect(text).not.toContain("package_upgrade");
    expect(text).toContain('device_name           = "/dev/sda1"');
    expect(text).toContain('ssh_username = "ubuntu"');
    expect(planned(gpu).templateText).toContain('instance_type   = "g4dn.xlarge"');
  });
});

describe("a cell's fingerprint", () => {
  it("follows the user data file's content, naming it as what changed", () => {
    const before = planned(cpuJob(), {
      fileDigests: new Map([["user-data/dask.cloud-init.yaml", "a"]]),
    });
    const after = planned(cpuJob(), {
      fileDigests: new Map([["user-data/dask.cloud-init.yaml", "b"]]),
    });
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect(changedInputs(before.inputs, after.inputs)).toEqual(["user-data/dask.cloud-init.yaml"]);
  });

  it("follows the root volume, which shapes the AMI's snapshot", () => {
    const bigger = planned({ ...gpuBatch, rootVolume: { sizeGb: 40, type: "gp3" } });
    expect(changedInputs(planned(gpuBatch).inputs, bigger.inputs)).toEqual(["template"]);
  });

  it("leaves Spot out: it changes what a build costs, not what its AMI holds", () => {
    const onSpot = planned({
      ...gpuBatch,
      spot: { maxPrice: "auto", instanceTypes: ["g4dn.xlarge"] },
    });
    expect(onSpot.templateText).not.toBe(planned(gpuBatch).templateText);
    expect(onSpot.fingerprint).toBe(planned(gpuBatch).fingerprint);
  });
});

describe("Packer 1.6.6", () => {
  it("validates the rendered GPU batch (on Spot too) and Dask templates", {
    timeout: 60_000,
  }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "launch-validate-"));
    try {
      const texts = [
        planned(gpuBatch).templateText,
        planned({ ...gpuBatch, spot: { maxPrice: "auto", instanceTypes: ["g4dn.xlarge"] } })
          .templateText,
        ...dask.map((job) => planned(job).templateText),
      ];
      for (const [index, text] of texts.entries()) {
        const file = path.join(dir, `t${index}.pkr.hcl`);
        await writeFile(file, text);
        const result = await execa("packer", ["validate", file], { reject: false, cwd: dir });
        expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function cpuJob(): Job {
  return dask.find((j) => j.id === "dask/us-east-1/hvm") as Job;
}
