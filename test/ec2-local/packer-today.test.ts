import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Ec2Local,
  NEWEST_AMAZON_IMAGE_NAMES,
  seededImageId,
  startEc2Local,
} from "../../src/ec2-local/index.ts";
import { type AmazonEbsTemplate, amazonEbsTemplate, runPackerBuild } from "./helpers/packer.ts";

const PACKER_TIMEOUT_MS = 60_000;
const PV_IMAGE = seededImageId("us-east-1", NEWEST_AMAZON_IMAGE_NAMES.paravirtual);

let ec2: Ec2Local;

beforeEach(async () => {
  ec2 = await startEc2Local();
});

afterEach(async () => {
  await ec2.close();
});

function pvBuild(overrides: Partial<AmazonEbsTemplate> = {}) {
  return runPackerBuild(
    amazonEbsTemplate({
      endpoint: ec2.url,
      amiName: "spark-pv-today",
      sourceNameFilter: "amzn-ami-pv-*-x86_64-ebs",
      virtualizationType: "paravirtual",
      instanceType: "m3.medium",
      ...overrides,
    }),
  );
}

function expectNothingLeftBehind(): void {
  expect(ec2.liveInstances()).toEqual([]);
  expect(ec2.securityGroups()).toEqual([]);
  expect(ec2.keyPairs()).toEqual([]);
}

describe("real Packer 1.6.6 against today's AWS behaviours", () => {
  it(
    "builds a PV AMI from the deprecated Amazon Linux AMI 2018.03 by id",
    async () => {
      ec2.setFaults({ hideDeprecatedImages: true });

      const run = await pvBuild({ sourceAmi: PV_IMAGE });

      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.artifactId).toMatch(/^eu-west-1:ami-[0-9a-f]{17},us-east-1:ami-[0-9a-f]{17}$/);
      expect(ec2.instances().map((instance) => instance.imageId)).toEqual([PV_IMAGE]);
      expectNothingLeftBehind();
    },
    PACKER_TIMEOUT_MS,
  );

  it(
    "cannot find the deprecated PV image through source_ami_filter, as on AWS",
    async () => {
      ec2.setFaults({ hideDeprecatedImages: true });

      const run = await pvBuild();

      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain("No AMI was found matching filters");
      expect(ec2.calls({ action: "RunInstances" })).toEqual([]);
    },
    PACKER_TIMEOUT_MS,
  );

  it(
    'fails ami_groups = ["all"] when the account blocks public AMIs, and removes the AMI it made',
    async () => {
      ec2.setFaults({ account: { imageBlockPublicAccess: { state: "block-new-sharing" } } });

      const run = await pvBuild({ sourceAmi: PV_IMAGE, amiRegions: [] });

      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain("OperationNotPermitted");
      expect(ec2.calls({ action: "ModifyImageAttribute" }).map((call) => call.errorCode)).toEqual([
        "OperationNotPermitted",
      ]);
      expect(ec2.images().filter((image) => image.public)).toEqual([]);
      expect(ec2.images().map((image) => image.state)).toEqual([]);
      expectNothingLeftBehind();
    },
    PACKER_TIMEOUT_MS,
  );

  it(
    "fails the launch where the region does not offer the PV instance type",
    async () => {
      ec2.setFaults({
        account: { instanceTypesNotOffered: [{ instanceTypes: ["m3.*"], regions: ["us-east-1"] }] },
      });

      const run = await pvBuild({ sourceAmi: PV_IMAGE });

      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain(
        "Unsupported: The requested configuration is currently not supported",
      );
      expect(ec2.images()).toEqual([]);
      expectNothingLeftBehind();
    },
    PACKER_TIMEOUT_MS,
  );

  it(
    "fails where the account has no default VPC and the template names no subnet",
    async () => {
      ec2.setFaults({ account: { noDefaultVpc: { regions: ["us-east-1"] } } });

      const run = await pvBuild({ sourceAmi: PV_IMAGE });

      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain("VPCIdNotSpecified");
      expect(ec2.calls({ action: "RunInstances" })).toEqual([]);
      expectNothingLeftBehind();
    },
    PACKER_TIMEOUT_MS,
  );
});
