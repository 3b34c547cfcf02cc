// After a Spot attempt that Packer could not clean up (killed, crashed), its launch template is found
// by the run's tags and removed with the rest; an on-demand attempt's cleanup never lists templates,
// so the on-demand policy, which has no ec2:DescribeLaunchTemplates, is enough for it.
import { CreateLaunchTemplateCommand, EC2Client } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Ec2Local,
  NEWEST_CURRENT_IMAGE_NAMES,
  seededImageId,
  startEc2Local,
} from "../../src/ec2-local/index.ts";
import { cleanUpAttempt } from "../../src/run/clean-up-attempt.ts";

let ec2: Ec2Local;
let client: EC2Client;
const RUN = "20261201T020000Z-abcd";
const JOB = "gpu-batch/ap-northeast-2/hvm";

beforeAll(async () => {
  ec2 = await startEc2Local();
  client = new EC2Client({
    endpoint: ec2.url,
    region: "ap-northeast-2",
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "not-a-secret" },
  });
});
afterAll(async () => {
  client.destroy();
  await ec2.close();
});

async function leftTemplate(name: string, job: string): Promise<void> {
  await client.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: name,
      LaunchTemplateData: {
        ImageId: seededImageId("ap-northeast-2", NEWEST_CURRENT_IMAGE_NAMES.ecsGpuAl2023),
      },
      TagSpecifications: [
        {
          ResourceType: "launch-template",
          Tags: [
            { Key: "ami-matrix:tool", Value: "ami-matrix" },
            { Key: "ami-matrix:run", Value: RUN },
            { Key: "ami-matrix:job", Value: job },
          ],
        },
      ],
    }),
  );
}

describe("cleaning up after a Spot attempt", () => {
  it("deletes the attempt's launch template, and only that job's", async () => {
    await leftTemplate("packer-fleet-launch-template-aaaaaaa", JOB);
    await leftTemplate("packer-fleet-launch-template-bbbbbbb", "other/ap-northeast-2/hvm");
    const report = await cleanUpAttempt({
      client,
      runId: RUN,
      jobId: JOB,
      trace: { amiName: "gpu-batch-hvm-x-a1", spot: true },
      pollDelayMs: 0,
    });
    expect(report.failures).toEqual([]);
    expect(report.removed).toEqual([
      expect.stringMatching(
        /^deleted launch template lt-[0-9a-f]{17} \(packer-fleet-launch-template-aaaaaaa\)$/,
      ),
    ]);
    expect(ec2.launchTemplates("ap-northeast-2").map((t) => t.name)).toEqual([
      "packer-fleet-launch-template-bbbbbbb",
    ]);
  });

  it("does not list launch templates after an on-demand attempt", async () => {
    ec2.clearCalls();
    await cleanUpAttempt({
      client,
      runId: RUN,
      jobId: "other/ap-northeast-2/hvm",
      trace: { amiName: "other-hvm-x-a1" },
      pollDelayMs: 0,
    });
    expect(ec2.actionsCalled()).not.toContain("DescribeLaunchTemplates");
    expect(ec2.launchTemplates("ap-northeast-2")).toHaveLength(1);
  });
});
