// The GPU batch and Dask matrices as their users rehearse them, with real Packer 1.6.6 against
// ec2-local: every job succeeds, on the instance types, root volumes and user data the matrices ask
// for, from the newest seeded source images, and nothing is left behind. The GPU image also builds on
// Spot (launch template, instant fleet), and retries when Spot has no capacity.
import { mkdtemp, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NEWEST_CURRENT_IMAGE_NAMES } from "../../src/ec2-local/index.ts";
import { uncoveredActions } from "../../src/policy/policy-document.ts";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { runCli } from "../support/run-cli.ts";
import { terraformOutputs } from "../support/terraform-json.ts";

const E2E_TIMEOUT = 180_000;
const fixture = useEc2Local("ami-matrix-examples-");
const env = { ...process.env, CI: "true", AWS_POLL_DELAY_SECONDS: "0" };
const GPU_BATCH = "matrix/gpu-batch.json";
const DASK = "matrix/dask.json";

interface Report {
  runId: string;
  jobs: {
    id: string;
    region: string;
    status: string;
    attempts: number;
    amis: Record<string, string>;
    sourceAmi?: { name: string };
  }[];
}

async function rehearse(args: string[], amiList?: string) {
  const list = amiList ?? (await mkdtemp(path.join(fixture.scratch, "ami-list-")));
  const reportFile = `${list}-report-${Date.now()}.json`;
  const result = await runCli(
    [
      "--ec2-endpoint",
      fixture.ec2.url,
      "--ami-list",
      list,
      "--report",
      reportFile,
      "--retry-delay",
      "0.2",
      ...args,
    ],
    { env },
  );
  const report = JSON.parse(await readFile(reportFile, "utf8")) as Report;
  return { ...result, report, amiList: list };
}

function expectNothingLeftBehind(): void {
  expect(fixture.ec2.liveInstances()).toEqual([]);
  expect(fixture.ec2.securityGroups()).toEqual([]);
  expect(fixture.ec2.keyPairs()).toEqual([]);
  expect(fixture.ec2.launchTemplates()).toEqual([]);
}

const instancesOf = (report: Report, jobId: string) =>
  fixture.ec2
    .instances()
    .filter((i) => i.tags["ami-matrix:run"] === report.runId && i.tags["ami-matrix:job"] === jobId);

describe("--local, as the README says to rehearse them", () => {
  it.each([GPU_BATCH, DASK])(
    "%s: exit 0, every job succeeded",
    async (matrix) => {
      const { code, stdout } = await runCli(["--matrix", matrix, "--local"], { env });
      expect(code, stdout.slice(-3000)).toBe(0);
      const jobs = stdout.match(/^(\d+) jobs?: (\d+) succeeded$/m);
      expect(jobs?.[1]).toBe(jobs?.[2]);
      expect(Number(jobs?.[1])).toBe(matrix === DASK ? 4 : 1);
    },
    E2E_TIMEOUT,
  );
});

describe("matrix/gpu-batch.json", () => {
  it(
    "builds on a g5.xlarge from the newest ECS GPU image, with a 30 GB gp3 root, and Terraform reads its AMI",
    async () => {
      fixture.ec2.clearCalls();
      const { code, stdout, report, amiList } = await rehearse(["--matrix", GPU_BATCH]);
      expect(code, stdout.slice(-3000)).toBe(0);
      const [job] = report.jobs;
      expect(job).toMatchObject({ id: "gpu-batch/ap-northeast-2/hvm", status: "succeeded" });
      expect(job?.sourceAmi?.name).toBe(NEWEST_CURRENT_IMAGE_NAMES.ecsGpuAl2023);
      const launches = fixture.ec2.calls({ action: "RunInstances", region: "ap-northeast-2" });
      expect(launches.map((c) => c.params.InstanceType)).toEqual(["g5.xlarge"]);
      expect(launches[0]?.params).toMatchObject({
        "BlockDeviceMapping.1.DeviceName": "/dev/xvda",
        "BlockDeviceMapping.1.Ebs.VolumeSize": "30",
        "BlockDeviceMapping.1.Ebs.VolumeType": "gp3",
        "BlockDeviceMapping.1.Ebs.DeleteOnTermination": "true",
      });
      expect(instancesOf(report, "gpu-batch/ap-northeast-2/hvm")[0]?.rootVolume).toEqual({
        deviceName: "/dev/xvda",
        size: 30,
        volumeType: "gp3",
      });
      const ami = job?.amis["ap-northeast-2"];
      const outputs = terraformOutputs(
        await readFile(path.join(amiList, "amis.tf.json"), "utf8"),
      ) as { amis: Record<string, Record<string, Record<string, string>>> };
      expect(outputs.amis["gpu-batch"]?.["ap-northeast-2"]?.hvm).toBe(ami);
      expectNothingLeftBehind();
    },
    E2E_TIMEOUT,
  );

  it(
    "builds on Spot with --spot: a launch template and an instant fleet, deleted after; the Spot policy covers every call",
    async () => {
      fixture.ec2.clearCalls();
      const { code, stdout, report } = await rehearse(["--matrix", GPU_BATCH, "--spot"]);
      expect(code, stdout.slice(-3000)).toBe(0);
      expect(report.jobs[0]?.status).toBe("succeeded");
      const [instance] = instancesOf(report, "gpu-batch/ap-northeast-2/hvm");
      expect(instance).toMatchObject({ instanceType: "g5.xlarge", lifecycle: "spot" });
      const called = fixture.ec2.actionsCalled();
      expect(called).toEqual(
        expect.arrayContaining(["CreateLaunchTemplate", "CreateFleet", "DeleteLaunchTemplate"]),
      );
      expect(called).not.toContain("RunInstances");
      // The launch template carried the run's tags, so a killed build's would be found.
      const created = fixture.ec2.calls({ action: "CreateLaunchTemplate" })[0];
      expect(created?.params).toMatchObject({
        "TagSpecification.1.ResourceType": "launch-template",
      });
      expect(Object.values(created?.params ?? {})).toContain(report.runId);
      expect(uncoveredActions(called, { spot: true, passRole: false })).toEqual([]);
      expect(uncoveredActions(called)).toEqual([
        "CreateFleet",
        "CreateLaunchTemplate",
        "DeleteLaunchTemplate",
      ]);
      expect(fixture.ec2.spotRequests().filter((r) => r.instanceId === instance?.id)).toMatchObject(
        [{ state: "closed", tags: { "ami-matrix:run": report.runId } }],
      );
      expectNothingLeftBehind();
    },
    E2E_TIMEOUT,
  );

  it(
    "retries a Spot build that found no Spot capacity, and leaves no launch template of the failed attempt",
    async () => {
      fixture.ec2.setFaults({
        faults: [{ action: "CreateFleet", code: "InsufficientInstanceCapacity", first: 1 }],
      });
      const { code, stdout, report } = await rehearse(["--matrix", GPU_BATCH, "--spot"]);
      expect(code, stdout.slice(-3000)).toBe(0);
      expect(report.jobs[0]).toMatchObject({ status: "succeeded", attempts: 2 });
      expect(stdout).toContain("There is no Spot capacity available");
      expectNothingLeftBehind();
    },
    E2E_TIMEOUT,
  );

  it(
    "shares an AMI list with the Spark matrix: each keeps its cells, and Terraform maps both",
    async () => {
      const amiList = await mkdtemp(path.join(fixture.scratch, "shared-"));
      const spark = await rehearse(["--only", "spark/us-east-1/hvm"], amiList);
      expect(spark.code, spark.stdout.slice(-2000)).toBe(0);
      const gpu = await rehearse(["--matrix", GPU_BATCH], amiList);
      expect(gpu.code, gpu.stdout.slice(-2000)).toBe(0);
      const index = JSON.parse(await readFile(path.join(amiList, "index.json"), "utf8"));
      expect(Object.keys(index.cells).sort()).toEqual([
        "base/us-east-1/hvm",
        "gpu-batch/ap-northeast-2/hvm",
        "spark/us-east-1/hvm",
      ]);
      const outputs = terraformOutputs(
        await readFile(path.join(amiList, "amis.tf.json"), "utf8"),
      ) as { amis: Record<string, unknown> };
      expect(Object.keys(outputs.amis).sort()).toEqual(["base", "gpu-batch", "spark"]);
    },
    E2E_TIMEOUT,
  );

  it("--dry-run shows the pinned source image and the cost", async () => {
    const { code, stdout } = await runCli(
      ["--matrix", GPU_BATCH, "--ec2-endpoint", fixture.ec2.url, "--dry-run"],
      { env },
    );
    expect(code).toBe(0);
    expect(stdout).toContain(`(${NEWEST_CURRENT_IMAGE_NAMES.ecsGpuAl2023})`);
    expect(stdout).toMatch(/^Cost: .*on demand/m);
    expect(stdout).toMatch(/gpu-batch\/ap-northeast-2\/hvm .* g5\.xlarge /);
    // The 30 GB root volume's snapshot, not the 8 GB default: 30 × $0.05 × Seoul's 1.23.
    expect(stdout).toMatch(/and up to \$1\.84 a month for the new snapshots/);
  });

  it("refuses a real build without the values the matrix asks for, naming each, before anything starts", async () => {
    const { code, stderr } = await runCli(["--matrix", GPU_BATCH], {
      env: { ...process.env, CI: "true" },
    });
    expect(code).toBe(2);
    for (const name of [
      "subnet_id",
      "security_group_ids",
      "build_instance_profile",
      "ecr_registry",
      "image_repository",
      "image_tag",
    ])
      expect(stderr).toContain(`  - ${name} (`);
    expect(stderr).not.toContain("models_s3_uri");
    expect(stderr).toContain("nothing was started");
  });
});

describe("matrix/dask.json", () => {
  it(
    "builds both images in both regions with their cloud-init user data, the GPU one on a g4dn.xlarge",
    async () => {
      fixture.ec2.clearCalls();
      const { code, stdout, report } = await rehearse(["--matrix", DASK]);
      expect(code, stdout.slice(-3000)).toBe(0);
      expect(report.jobs.map((j) => [j.id, j.status])).toEqual([
        ["dask/us-east-1/hvm", "succeeded"],
        ["dask/eu-west-1/hvm", "succeeded"],
        ["dask-gpu/us-east-1/hvm", "succeeded"],
        ["dask-gpu/eu-west-1/hvm", "succeeded"],
      ]);
      const cloudInit = (file: string) =>
        readFile(path.join(import.meta.dirname, "..", "..", "packer", "user-data", file), "utf8");
      for (const job of report.jobs) {
        const gpu = job.id.startsWith("dask-gpu/");
        expect(job.sourceAmi?.name).toBe(
          gpu
            ? NEWEST_CURRENT_IMAGE_NAMES.deepLearningGpuNoble
            : NEWEST_CURRENT_IMAGE_NAMES.ubuntuNoble,
        );
        const [instance] = instancesOf(report, job.id);
        expect(instance?.instanceType).toBe(gpu ? "g4dn.xlarge" : "t3.medium");
        expect(instance?.userData).toBe(
          await cloudInit(gpu ? "dask-gpu.cloud-init.yaml" : "dask.cloud-init.yaml"),
        );
        if (!gpu)
          expect(instance?.rootVolume).toEqual({
            deviceName: "/dev/sda1",
            size: 20,
            volumeType: "gp3",
          });
      }
      expectNothingLeftBehind();
    },
    E2E_TIMEOUT,
  );

  it("--dry-run shows the pinned Ubuntu and Deep Learning images", async () => {
    const { code, stdout } = await runCli(
      ["--matrix", DASK, "--ec2-endpoint", fixture.ec2.url, "--dry-run"],
      { env },
    );
    expect(code).toBe(0);
    expect(stdout).toContain(`(${NEWEST_CURRENT_IMAGE_NAMES.ubuntuNoble})`);
    expect(stdout).toContain(`(${NEWEST_CURRENT_IMAGE_NAMES.deepLearningGpuNoble})`);
    expect(stdout).toMatch(/^Cost: /m);
  });
});
