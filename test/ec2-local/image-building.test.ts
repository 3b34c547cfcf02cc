import {
  CopyImageCommand,
  CreateImageCommand,
  CreateTagsCommand,
  DeleteSnapshotCommand,
  DeleteTagsCommand,
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  DescribeTagsCommand,
  type EC2Client,
  ModifyImageAttributeCommand,
  RegisterImageCommand,
  RunInstancesCommand,
  StopInstancesCommand,
} from "@aws-sdk/client-ec2";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Ec2Local,
  LOCAL_ACCOUNT_ID,
  NEWEST_AMAZON_IMAGE_NAMES,
  seededImageId,
  startEc2Local,
} from "../../src/ec2-local/index.ts";
import { ec2ClientFor, rejectionOf } from "./helpers/ec2-client.ts";

let ec2: Ec2Local;
let useast: EC2Client;
let euwest: EC2Client;

beforeEach(async () => {
  ec2 = await startEc2Local();
  useast = ec2ClientFor(ec2, "us-east-1");
  euwest = ec2ClientFor(ec2, "eu-west-1");
});

afterEach(async () => {
  await ec2.close();
});

// The first half of a Packer build: launch, stop, CreateImage.
async function buildImage(name: string): Promise<string> {
  const { Instances = [] } = await useast.send(
    new RunInstancesCommand({
      ImageId: seededImageId("us-east-1", NEWEST_AMAZON_IMAGE_NAMES.hvm),
      InstanceType: "m5.large",
      MinCount: 1,
      MaxCount: 1,
    }),
  );
  const instanceId = Instances[0]?.InstanceId ?? "";
  await useast.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
  const { ImageId } = await useast.send(
    new CreateImageCommand({ InstanceId: instanceId, Name: name }),
  );
  return ImageId ?? "";
}

async function describeImage(client: EC2Client, imageId: string) {
  const { Images = [] } = await client.send(new DescribeImagesCommand({ ImageIds: [imageId] }));
  return Images[0];
}

describe("building, sharing and removing images", () => {
  it("creates an available image with a snapshot of the root volume", async () => {
    const { Instances = [] } = await useast.send(
      new RunInstancesCommand({
        ImageId: seededImageId("us-east-1", NEWEST_AMAZON_IMAGE_NAMES.hvm),
        InstanceType: "m5.large",
        MinCount: 1,
        MaxCount: 1,
      }),
    );
    const instanceId = Instances[0]?.InstanceId ?? "";
    await useast.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    const { ImageId = "" } = await useast.send(
      new CreateImageCommand({
        InstanceId: instanceId,
        Name: "spark-2.4 hvm (test)",
        Description: "Spark",
      }),
    );

    const image = await describeImage(useast, ImageId);
    expect(image).toMatchObject({
      State: "available",
      Name: "spark-2.4 hvm (test)",
      Description: "Spark",
      OwnerId: LOCAL_ACCOUNT_ID,
      RootDeviceType: "ebs",
      VirtualizationType: "hvm",
      Public: false,
    });
    const snapshotId = image?.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId ?? "";
    const { Snapshots = [] } = await useast.send(
      new DescribeSnapshotsCommand({ OwnerIds: ["self"] }),
    );
    expect(
      Snapshots.map((snapshot) => [snapshot.SnapshotId, snapshot.State, snapshot.VolumeSize]),
    ).toEqual([[snapshotId, "completed", 8]]);
    expect(Snapshots[0]?.Description).toContain(ImageId);
  });

  it("keeps a new image and its snapshot pending for the configured delay", async () => {
    await ec2.close();
    ec2 = await startEc2Local({ delays: { imageMs: 150 } });
    useast = ec2ClientFor(ec2, "us-east-1");

    const imageId = await buildImage("spark-slow");
    expect((await describeImage(useast, imageId))?.State).toBe("pending");
    expect(ec2.snapshots().map((snapshot) => snapshot.state)).toEqual(["pending"]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await describeImage(useast, imageId))?.State).toBe("available");
    expect(ec2.snapshots().map((snapshot) => snapshot.state)).toEqual(["completed"]);
  });

  it("refuses a second image with the same name in a region", async () => {
    await buildImage("spark-duplicate");
    const error = await rejectionOf(buildImage("spark-duplicate"));

    expect(error.name).toBe("InvalidAMIName.Duplicate");
  });

  it("copies an image to another region with a new snapshot there", async () => {
    const sourceId = await buildImage("spark-copy");
    const { ImageId: copyId = "" } = await euwest.send(
      new CopyImageCommand({
        SourceRegion: "us-east-1",
        SourceImageId: sourceId,
        Name: "spark-copy",
      }),
    );

    const copy = await describeImage(euwest, copyId);
    expect(copy).toMatchObject({ State: "available", Name: "spark-copy", SourceImageId: sourceId });
    const { Snapshots = [] } = await euwest.send(
      new DescribeSnapshotsCommand({ OwnerIds: ["self"] }),
    );
    expect(Snapshots.map((snapshot) => snapshot.SnapshotId)).toEqual([
      copy?.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId,
    ]);
    expect((await rejectionOf(describeImage(useast, copyId))).name).toBe("InvalidAMIID.NotFound");
  });

  it("refuses to copy an image that does not exist in the source region", async () => {
    const sourceId = await buildImage("spark-wrong-region");
    const error = await rejectionOf(
      euwest.send(
        new CopyImageCommand({
          SourceRegion: "us-west-2",
          SourceImageId: sourceId,
          Name: "x-copy",
        }),
      ),
    );

    expect(error.name).toBe("InvalidAMIID.NotFound");
    expect(ec2.images({ region: "eu-west-1" })).toEqual([]);
  });

  it("makes an image public and shares it with an account, and takes that back", async () => {
    const imageId = await buildImage("spark-shared");
    await useast.send(
      new ModifyImageAttributeCommand({
        ImageId: imageId,
        LaunchPermission: { Add: [{ Group: "all" }, { UserId: "210987654321" }] },
      }),
    );

    const shared = await useast.send(
      new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: "launchPermission" }),
    );
    expect(shared.LaunchPermissions).toEqual([{ Group: "all" }, { UserId: "210987654321" }]);
    expect((await describeImage(useast, imageId))?.Public).toBe(true);
    const publicOnes = await useast.send(
      new DescribeImagesCommand({ ExecutableUsers: ["all"], Owners: ["self"] }),
    );
    expect(publicOnes.Images?.map((image) => image.ImageId)).toEqual([imageId]);

    await useast.send(
      new ModifyImageAttributeCommand({
        ImageId: imageId,
        LaunchPermission: { Remove: [{ Group: "all" }] },
      }),
    );
    expect((await describeImage(useast, imageId))?.Public).toBe(false);
    expect(ec2.images()[0]?.launchPermission).toEqual({ groups: [], userIds: ["210987654321"] });
    const stillPublic = await useast.send(
      new DescribeImagesCommand({ ExecutableUsers: ["all"], Owners: ["self"] }),
    );
    expect(stillPublic.Images).toEqual([]);
  });

  it("refuses to change an image owned by Amazon", async () => {
    const error = await rejectionOf(
      useast.send(
        new ModifyImageAttributeCommand({
          ImageId: seededImageId("us-east-1", NEWEST_AMAZON_IMAGE_NAMES.hvm),
          LaunchPermission: { Remove: [{ Group: "all" }] },
        }),
      ),
    );

    expect(error.name).toBe("AuthFailure");
  });

  it("tags images and snapshots, finds them by tag, and escapes XML in values", async () => {
    const imageId = await buildImage("spark-tags");
    const snapshotId = ec2.images()[0]?.snapshotIds[0] ?? "";
    const awkward = `a <b> & "c" 'd'`;
    await useast.send(
      new CreateTagsCommand({
        Resources: [imageId, snapshotId],
        Tags: [
          { Key: "Name", Value: awkward },
          { Key: "Stage", Value: "test" },
        ],
      }),
    );
    await useast.send(new DeleteTagsCommand({ Resources: [snapshotId], Tags: [{ Key: "Stage" }] }));

    const byTag = await useast.send(
      new DescribeImagesCommand({
        Owners: ["self"],
        Filters: [{ Name: "tag:Stage", Values: ["test"] }],
      }),
    );
    const { Tags = [] } = await useast.send(
      new DescribeTagsCommand({
        Filters: [{ Name: "resource-id", Values: [imageId, snapshotId] }],
      }),
    );
    expect(byTag.Images?.map((image) => image.ImageId)).toEqual([imageId]);
    expect(Tags.map((tag) => [tag.ResourceType, tag.Key, tag.Value])).toEqual([
      ["image", "Name", awkward],
      ["image", "Stage", "test"],
      ["snapshot", "Name", awkward],
    ]);
    const missing = await rejectionOf(
      useast.send(
        new CreateTagsCommand({
          Resources: ["ami-0123456789abcdef0"],
          Tags: [{ Key: "k", Value: "v" }],
        }),
      ),
    );
    expect(missing.name).toBe("InvalidAMIID.NotFound");
  });

  it("keeps a snapshot while an image uses it, and deletes it once the image is deregistered", async () => {
    const imageId = await buildImage("spark-cleanup");
    const snapshotId = ec2.images()[0]?.snapshotIds[0] ?? "";

    const inUse = await rejectionOf(
      useast.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId })),
    );
    expect(inUse.name).toBe("InvalidSnapshot.InUse");
    expect(inUse.message).toContain(imageId);

    await useast.send(new DeregisterImageCommand({ ImageId: imageId }));
    expect(ec2.snapshots().map((snapshot) => snapshot.id)).toEqual([snapshotId]);
    await useast.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId }));

    expect(ec2.images()).toEqual([]);
    expect(ec2.snapshots()).toEqual([]);
    const gone = await rejectionOf(
      useast.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId })),
    );
    expect(gone.name).toBe("InvalidSnapshot.NotFound");
  });

  it("registers an image from an existing snapshot", async () => {
    const sourceId = await buildImage("spark-register-source");
    const snapshotId = ec2.images()[0]?.snapshotIds[0] ?? "";
    const { ImageId = "" } = await useast.send(
      new RegisterImageCommand({
        Name: "spark-registered",
        Architecture: "x86_64",
        VirtualizationType: "hvm",
        RootDeviceName: "/dev/xvda",
        BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { SnapshotId: snapshotId } }],
      }),
    );

    expect(ImageId).not.toBe(sourceId);
    expect(await describeImage(useast, ImageId)).toMatchObject({
      State: "available",
      VirtualizationType: "hvm",
    });
    const inUse = await rejectionOf(
      useast.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId })),
    );
    expect(inUse.name).toBe("InvalidSnapshot.InUse");
  });
});
