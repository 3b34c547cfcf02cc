import {
  CreateImageCommand,
  DescribeImagesCommand,
  type DescribeImagesCommandInput,
  type EC2Client,
  EnableImageDeprecationCommand,
  RunInstancesCommand,
} from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { NEWEST_AMAZON_IMAGE_NAMES, seededImageId } from "../../src/ec2-local/index.ts";
import { ec2ClientFor } from "./helpers/ec2-client.ts";
import { useServers } from "./helpers/servers.ts";

const start = useServers();
const PV_NAME = NEWEST_AMAZON_IMAGE_NAMES.paravirtual;
const PV_IMAGE = seededImageId("us-east-1", PV_NAME);

// The tool's own source lookup, as Packer's source_ami_filter makes it.
const PV_LOOKUP: DescribeImagesCommandInput = {
  Owners: ["amazon"],
  Filters: [
    { Name: "name", Values: ["amzn-ami-pv-*-x86_64-ebs"] },
    { Name: "virtualization-type", Values: ["paravirtual"] },
  ],
};

async function names(client: EC2Client, input: DescribeImagesCommandInput): Promise<string[]> {
  const { Images = [] } = await client.send(new DescribeImagesCommand(input));
  return Images.map((image) => image.Name ?? "").sort();
}

describe("deprecated images", () => {
  it("shows the Amazon Linux AMI 2018.03 PV images as deprecated, two years after creation", async () => {
    const client = ec2ClientFor(await start());
    const { Images = [] } = await client.send(new DescribeImagesCommand({ ImageIds: [PV_IMAGE] }));

    expect(Images[0]?.DeprecationTime).toBe("2022-10-29T00:22:00.000Z");
    expect(Date.parse(Images[0]?.DeprecationTime ?? "")).toBeLessThan(Date.now());
  });

  it("lists them when configured to, like an older account", async () => {
    const client = ec2ClientFor(await start({ faults: { hideDeprecatedImages: false } }));

    expect(await names(client, PV_LOOKUP)).toContain(PV_NAME);
  });

  it("leaves them out of listings by default, as AWS does, unless IncludeDeprecated is true", async () => {
    const client = ec2ClientFor(await start());

    expect(await names(client, PV_LOOKUP)).toEqual([]);
    expect(await names(client, { ...PV_LOOKUP, IncludeDeprecated: true })).toContain(PV_NAME);
    // Images not deprecated are listed as before.
    expect(
      await names(client, { Owners: ["amazon"], Filters: [{ Name: "name", Values: ["amzn2-*"] }] }),
    ).toContain(NEWEST_AMAZON_IMAGE_NAMES.hvm);
  });

  it("still describes and launches a deprecated image by id", async () => {
    const client = ec2ClientFor(await start({ faults: { hideDeprecatedImages: true } }));

    expect(await names(client, { ImageIds: [PV_IMAGE] })).toEqual([PV_NAME]);
    const { Instances = [] } = await client.send(
      new RunInstancesCommand({
        ImageId: PV_IMAGE,
        InstanceType: "m3.medium",
        MinCount: 1,
        MaxCount: 1,
      }),
    );
    expect(Instances[0]?.ImageId).toBe(PV_IMAGE);
  });

  it("keeps listing the caller's own deprecated images", async () => {
    let now = Date.parse("2026-06-01T12:00:00.000Z");
    const ec2 = await start({ faults: { hideDeprecatedImages: true }, clock: () => now });
    const client = ec2ClientFor(ec2);
    const { Instances = [] } = await client.send(
      new RunInstancesCommand({
        ImageId: seededImageId("us-east-1", NEWEST_AMAZON_IMAGE_NAMES.hvm),
        InstanceType: "m5.large",
        MinCount: 1,
        MaxCount: 1,
      }),
    );
    const { ImageId } = await client.send(
      new CreateImageCommand({ InstanceId: Instances[0]?.InstanceId, Name: "own-image" }),
    );
    await client.send(
      new EnableImageDeprecationCommand({ ImageId, DeprecateAt: new Date(now + 90_000) }),
    );
    now += 5 * 60_000;

    const { Images = [] } = await client.send(new DescribeImagesCommand({ Owners: ["self"] }));
    expect(Images.map((image) => [image.ImageId, image.DeprecationTime])).toEqual([
      [ImageId, "2026-06-01T12:02:00.000Z"],
    ]);
  });
});
