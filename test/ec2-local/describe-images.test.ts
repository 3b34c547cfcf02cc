import {
  DescribeImagesCommand,
  type EC2Client,
  type Image,
  paginateDescribeImages,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AMAZON_OWNER_ID,
  COMMERCIAL_REGIONS,
  type Ec2Local,
  NEWEST_AMAZON_IMAGE_NAMES,
  SEED_IMAGES,
  seededImageId,
  startEc2Local,
} from "../../src/ec2-local/index.ts";
import { ec2ClientFor, rejectionOf } from "./helpers/ec2-client.ts";

let ec2: Ec2Local;
let client: EC2Client;

beforeAll(async () => {
  ec2 = await startEc2Local();
  client = ec2ClientFor(ec2, "us-east-1");
});

afterAll(async () => {
  await ec2.close();
});

// What Packer's `most_recent = true` does with the answer.
function newest(images: readonly Image[]): Image | undefined {
  return [...images].sort((a, b) => (b.CreationDate ?? "").localeCompare(a.CreationDate ?? ""))[0];
}

describe("DescribeImages on the seeded images", () => {
  it("finds the newest Amazon Linux 2 HVM image with Packer's source_ami_filter", async () => {
    const { Images = [] } = await client.send(
      new DescribeImagesCommand({
        Owners: ["amazon"],
        Filters: [
          { Name: "name", Values: ["amzn2-ami-hvm-*-x86_64-gp2"] },
          { Name: "root-device-type", Values: ["ebs"] },
          { Name: "virtualization-type", Values: ["hvm"] },
        ],
      }),
    );

    expect(Images.map((image) => image.Name).sort()).toEqual([
      "amzn2-ami-hvm-2.0.20200917.0-x86_64-gp2",
      "amzn2-ami-hvm-2.0.20201126.0-x86_64-gp2",
      "amzn2-ami-hvm-2.0.20210126.0-x86_64-gp2",
    ]);
    const chosen = newest(Images);
    expect(chosen?.Name).toBe(NEWEST_AMAZON_IMAGE_NAMES.hvm);
    expect(chosen).toMatchObject({
      ImageId: seededImageId("us-east-1", NEWEST_AMAZON_IMAGE_NAMES.hvm),
      OwnerId: AMAZON_OWNER_ID,
      ImageOwnerAlias: "amazon",
      RootDeviceType: "ebs",
      RootDeviceName: "/dev/xvda",
      Architecture: "x86_64",
      State: "available",
      Public: true,
    });
    expect(chosen?.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId).toMatch(/^snap-[0-9a-f]{17}$/);
  });

  it("finds the newest PV image only among EBS-backed ones", async () => {
    const { Images = [] } = await client.send(
      new DescribeImagesCommand({
        Owners: ["amazon"],
        // The 2018.03 images are deprecated, so EC2 lists them only when asked.
        IncludeDeprecated: true,
        Filters: [
          { Name: "name", Values: ["amzn-ami-pv-*"] },
          { Name: "root-device-type", Values: ["ebs"] },
          { Name: "virtualization-type", Values: ["paravirtual"] },
        ],
      }),
    );

    expect(Images.every((image) => image.RootDeviceType === "ebs")).toBe(true);
    expect(newest(Images)?.Name).toBe(NEWEST_AMAZON_IMAGE_NAMES.paravirtual);
    expect(newest(Images)?.RootDeviceName).toBe("/dev/sda1");
  });

  it("picks a stranger's look-alike image when the owner is left out", async () => {
    const { Images = [] } = await client.send(
      new DescribeImagesCommand({
        Filters: [{ Name: "name", Values: ["amzn2-ami-hvm-*-x86_64-gp2"] }],
      }),
    );

    expect(newest(Images)?.OwnerId).not.toBe(AMAZON_OWNER_ID);
    expect(newest(Images)?.ImageOwnerAlias).toBeUndefined();
  });

  it("gives every region its own ids for the same images", async () => {
    const ids = await Promise.all(
      COMMERCIAL_REGIONS.map(async (region) => {
        const { Images = [] } = await ec2ClientFor(ec2, region).send(
          new DescribeImagesCommand({
            Owners: ["amazon"],
            Filters: [{ Name: "name", Values: [NEWEST_AMAZON_IMAGE_NAMES.hvm] }],
          }),
        );
        return Images.map((image) => image.ImageId);
      }),
    );

    expect(ids).toEqual(
      COMMERCIAL_REGIONS.map((region) => [seededImageId(region, NEWEST_AMAZON_IMAGE_NAMES.hvm)]),
    );
    expect(new Set(ids.flat()).size).toBe(COMMERCIAL_REGIONS.length);
  });

  it("matches `?` as exactly one character", async () => {
    const { Images = [] } = await client.send(
      new DescribeImagesCommand({
        Owners: ["amazon"],
        Filters: [{ Name: "name", Values: ["amzn2-ami-hvm-2.0.2021012?.0-x86_64-gp?"] }],
      }),
    );

    expect(Images.map((image) => image.Name)).toEqual([NEWEST_AMAZON_IMAGE_NAMES.hvm]);
  });

  it("filters by architecture, owner id and several values of one filter", async () => {
    const { Images = [] } = await client.send(
      new DescribeImagesCommand({
        Filters: [
          { Name: "owner-id", Values: [AMAZON_OWNER_ID] },
          { Name: "architecture", Values: ["arm64"] },
          { Name: "name", Values: ["nothing-matches-*", "amzn2-*"] },
        ],
      }),
    );

    expect(Images.map((image) => image.Name)).toEqual(["amzn2-ami-hvm-2.0.20210126.0-arm64-gp2"]);
  });

  it("pages through all images when the SDK paginator asks for small pages", async () => {
    const pages: number[] = [];
    const names: string[] = [];
    for await (const page of paginateDescribeImages(
      { client, pageSize: 5 },
      { Owners: ["amazon"], IncludeDeprecated: true },
    )) {
      pages.push(page.Images?.length ?? 0);
      names.push(...(page.Images ?? []).map((image) => image.Name ?? ""));
    }

    const amazonSeeds = SEED_IMAGES.filter((seed) => seed.ownerAlias === "amazon");
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((size) => size <= 5)).toBe(true);
    expect(names.sort()).toEqual(amazonSeeds.map((seed) => seed.name).sort());
  });

  it("answers ImageIds and reports a missing one as InvalidAMIID.NotFound", async () => {
    const id = seededImageId("us-east-1", NEWEST_AMAZON_IMAGE_NAMES.paravirtual);
    const { Images = [] } = await client.send(new DescribeImagesCommand({ ImageIds: [id] }));
    expect(Images.map((image) => image.ImageId)).toEqual([id]);

    const error = await rejectionOf(
      client.send(new DescribeImagesCommand({ ImageIds: [id, "ami-0123456789abcdef0"] })),
    );
    expect(error.name).toBe("InvalidAMIID.NotFound");
    expect(error.message).toContain("ami-0123456789abcdef0");
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it("does not find an image of one region in another", async () => {
    const euId = seededImageId("eu-west-1", NEWEST_AMAZON_IMAGE_NAMES.hvm);
    const error = await rejectionOf(client.send(new DescribeImagesCommand({ ImageIds: [euId] })));

    expect(error.name).toBe("InvalidAMIID.NotFound");
  });

  it("rejects a malformed id, an unknown filter and a misspelt owner", async () => {
    const malformed = await rejectionOf(
      client.send(new DescribeImagesCommand({ ImageIds: ["ami-nope"] })),
    );
    const unknownFilter = await rejectionOf(
      client.send(new DescribeImagesCommand({ Filters: [{ Name: "nmae", Values: ["x"] }] })),
    );
    const badOwner = await rejectionOf(
      client.send(new DescribeImagesCommand({ Owners: ["amazn"] })),
    );

    expect([malformed.name, unknownFilter.name, badOwner.name]).toEqual([
      "InvalidAMIID.Malformed",
      "InvalidParameterValue",
      "InvalidUserID.Malformed",
    ]);
    expect(unknownFilter.message).toContain("nmae");
  });

  it("lists nothing for Owners=self before anything was built", async () => {
    const { Images } = await client.send(new DescribeImagesCommand({ Owners: ["self"] }));

    expect(Images).toEqual([]);
  });
});
