import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Ec2Local,
  NEWEST_AMAZON_IMAGE_NAMES,
  seededImageId,
  startEc2Local,
} from "../../src/ec2-local/index.ts";
import { amazonEbsTemplate, runPackerBuild } from "./helpers/packer.ts";

const PACKER_TIMEOUT_MS = 60_000;

let ec2: Ec2Local;

beforeEach(async () => {
  // Packer 1.6.6's source_ami_filter never asks for deprecated images, and these builds find the
  // (deprecated) Amazon Linux PV images by filter: an account listing them, as older ones did.
  // packer-today.test.ts covers today's default.
  ec2 = await startEc2Local({ faults: { hideDeprecatedImages: false } });
});

afterEach(async () => {
  await ec2.close();
});

function expectNothingLeftBehind(server: Ec2Local): void {
  expect(server.liveInstances()).toEqual([]);
  expect(server.securityGroups()).toEqual([]);
  expect(server.keyPairs()).toEqual([]);
}

function launchedImageId(server: Ec2Local): string | undefined {
  return server.calls({ action: "RunInstances" }).find((call) => call.status === 200)?.params
    .ImageId;
}

describe("real Packer 1.6.6 against ec2-local", () => {
  it(
    "builds an HVM AMI from the newest Amazon Linux 2, copies it to eu-west-1 and cleans up",
    async () => {
      const run = await runPackerBuild(
        amazonEbsTemplate({
          endpoint: ec2.url,
          amiName: "spark-hvm-test",
          sourceNameFilter: "amzn2-ami-hvm-*-x86_64-gp2",
          virtualizationType: "hvm",
          instanceType: "m5.large",
        }),
      );

      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.artifactId).toMatch(/^eu-west-1:ami-[0-9a-f]{17},us-east-1:ami-[0-9a-f]{17}$/);
      const amis = Object.fromEntries(
        (run.artifactId ?? "").split(",").map((pair) => pair.split(":")),
      );
      for (const region of ["us-east-1", "eu-west-1"]) {
        const [image] = ec2.images({ region }).filter((candidate) => candidate.id === amis[region]);
        expect(image?.state).toBe("available");
        expect(image?.public).toBe(true);
        expect(image?.tags).toMatchObject({ Name: "spark-hvm-test", Build: "ec2-local-test" });
      }
      expect(ec2.images({ region: "eu-west-1" })[0]?.source).toEqual({
        region: "us-east-1",
        imageId: amis["us-east-1"],
      });
      expect(launchedImageId(ec2)).toBe(seededImageId("us-east-1", NEWEST_AMAZON_IMAGE_NAMES.hvm));
      expectNothingLeftBehind(ec2);
      expect(ec2.instances().map((instance) => instance.state)).toEqual(["terminated"]);
      expect(ec2.calls().filter((call) => call.errorCode === "InvalidAction")).toEqual([]);
      expect(run.wallMs).toBeLessThan(10_000);
    },
    PACKER_TIMEOUT_MS,
  );

  it(
    "builds a PV AMI on m3.medium from the newest Amazon Linux PV image",
    async () => {
      const run = await runPackerBuild(
        amazonEbsTemplate({
          endpoint: ec2.url,
          amiName: "spark-pv-test",
          sourceNameFilter: "amzn-ami-pv-*-x86_64-ebs",
          virtualizationType: "paravirtual",
          instanceType: "m3.medium",
        }),
      );

      expect(run.exitCode, run.stdout).toBe(0);
      expect(launchedImageId(ec2)).toBe(
        seededImageId("us-east-1", NEWEST_AMAZON_IMAGE_NAMES.paravirtual),
      );
      expect(
        ec2.images().map((image) => [image.region, image.state, image.virtualizationType]),
      ).toEqual([
        ["eu-west-1", "available", "paravirtual"],
        ["us-east-1", "available", "paravirtual"],
      ]);
      expectNothingLeftBehind(ec2);
    },
    PACKER_TIMEOUT_MS,
  );

  it(
    "fails a PV build on an HVM-only instance type the way EC2 does",
    async () => {
      const run = await runPackerBuild(
        amazonEbsTemplate({
          endpoint: ec2.url,
          amiName: "spark-pv-wrong-type",
          sourceNameFilter: "amzn-ami-pv-*-x86_64-ebs",
          virtualizationType: "paravirtual",
          instanceType: "m5.large",
        }),
      );

      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain("InvalidParameterCombination");
      expect(ec2.images()).toEqual([]);
      expectNothingLeftBehind(ec2);
    },
    PACKER_TIMEOUT_MS,
  );

  it(
    "fails on a permanent RunInstances fault and still deletes the temporary group and key",
    async () => {
      ec2.setFaults({ faults: [{ action: "RunInstances", code: "UnauthorizedOperation" }] });

      const run = await runPackerBuild(
        amazonEbsTemplate({
          endpoint: ec2.url,
          amiName: "spark-denied",
          sourceNameFilter: "amzn2-ami-hvm-*-x86_64-gp2",
          virtualizationType: "hvm",
          instanceType: "m5.large",
        }),
      );

      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain("UnauthorizedOperation");
      expect(run.artifactId).toBeUndefined();
      expect(
        ec2.calls({ action: "RunInstances" }).map((call) => [call.status, call.injected]),
      ).toEqual([[403, true]]);
      expect(ec2.actionsCalled()).toEqual(
        expect.arrayContaining(["DeleteSecurityGroup", "DeleteKeyPair"]),
      );
      expect(ec2.instances()).toEqual([]);
      expectNothingLeftBehind(ec2);
    },
    PACKER_TIMEOUT_MS,
  );

  it(
    "fails when the copy in one region ends failed, deregistering the source AMI",
    async () => {
      ec2.setFaults({ failImages: { regions: ["eu-west-1"] } });

      const run = await runPackerBuild(
        amazonEbsTemplate({
          endpoint: ec2.url,
          amiName: "spark-copy-fails",
          sourceNameFilter: "amzn2-ami-hvm-*-x86_64-gp2",
          virtualizationType: "hvm",
          instanceType: "m5.large",
        }),
      );

      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain("Error waiting for AMI");
      expect(ec2.images({ region: "us-east-1" })).toEqual([]);
      expect(ec2.snapshots("us-east-1")).toEqual([]);
      // Packer does not clean up a failed copy: it stays behind, as it would on AWS.
      expect(ec2.images({ region: "eu-west-1" }).map((image) => image.state)).toEqual(["failed"]);
      expectNothingLeftBehind(ec2);
    },
    PACKER_TIMEOUT_MS,
  );
});
