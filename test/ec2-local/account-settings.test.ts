import {
  CreateImageCommand,
  CreateSecurityGroupCommand,
  DescribeAccountAttributesCommand,
  DescribeImagesCommand,
  DescribeVpcsCommand,
  type EC2Client,
  GetAllowedImagesSettingsCommand,
  GetImageBlockPublicAccessStateCommand,
  ModifyImageAttributeCommand,
  RunInstancesCommand,
} from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import {
  CANONICAL_OWNER_ID,
  type Ec2Local,
  type FaultConfig,
  LOOKALIKE_OWNER_ID,
  NEWEST_AMAZON_IMAGE_NAMES,
  NEWEST_CURRENT_IMAGE_NAMES,
  seededImageId,
} from "../../src/ec2-local/index.ts";
import { ec2ClientFor, rejectionOf } from "./helpers/ec2-client.ts";
import { useServers } from "./helpers/servers.ts";

const start = useServers();
const HVM_NAME = NEWEST_AMAZON_IMAGE_NAMES.hvm;
const STRANGERS_COPY = "amzn2-ami-hvm-2.0.20211201.0-x86_64-gp2";

function launch(client: EC2Client, region: string, imageName: string, subnetId?: string) {
  return client.send(
    new RunInstancesCommand({
      ImageId: seededImageId(region, imageName),
      InstanceType: "m5.large",
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnetId,
    }),
  );
}

async function ownImage(client: EC2Client, region: string): Promise<string> {
  const { Instances = [] } = await launch(client, region, HVM_NAME);
  const { ImageId = "" } = await client.send(
    new CreateImageCommand({ InstanceId: Instances[0]?.InstanceId, Name: "built-here" }),
  );
  return ImageId;
}

describe("block public access for AMIs", () => {
  const blocked: FaultConfig = {
    account: { imageBlockPublicAccess: { state: "block-new-sharing", regions: ["us-east-1"] } },
  };

  async function state(ec2: Ec2Local, region: string) {
    const answer = await ec2ClientFor(ec2, region).send(
      new GetImageBlockPublicAccessStateCommand({}),
    );
    return [answer.ImageBlockPublicAccessState, answer.ManagedBy];
  }

  it("is unblocked by default and blocked only in the configured regions", async () => {
    expect(await state(await start(), "us-east-1")).toEqual(["unblocked", "account"]);
    const ec2 = await start({ faults: blocked });
    expect(await state(ec2, "us-east-1")).toEqual(["block-new-sharing", "account"]);
    expect(await state(ec2, "eu-west-1")).toEqual(["unblocked", "account"]);
  });

  it("refuses to make an AMI public when blocked, but still shares it with an account", async () => {
    const ec2 = await start({ faults: blocked });
    const client = ec2ClientFor(ec2, "us-east-1");
    const imageId = await ownImage(client, "us-east-1");

    const error = await rejectionOf(
      client.send(
        new ModifyImageAttributeCommand({
          ImageId: imageId,
          LaunchPermission: { Add: [{ Group: "all" }] },
        }),
      ),
    );
    expect(error.name).toBe("OperationNotPermitted");
    expect(error.message).toContain("block public access for AMIs is enabled");
    await client.send(
      new ModifyImageAttributeCommand({
        ImageId: imageId,
        LaunchPermission: { Add: [{ UserId: "210987654321" }] },
      }),
    );
    expect(ec2.images({ region: "us-east-1" })[0]?.launchPermission).toEqual({
      groups: [],
      userIds: ["210987654321"],
    });
  });
});

describe("Allowed AMIs", () => {
  const amazonOnly = (state: "enabled" | "audit-mode"): FaultConfig => ({
    account: { allowedImages: { state, imageCriteria: [{ imageProviders: ["amazon"] }] } },
  });

  async function listed(client: EC2Client, name: string) {
    const { Images = [] } = await client.send(
      new DescribeImagesCommand({ Filters: [{ Name: "name", Values: [name] }] }),
    );
    return Images.map((image) => [image.OwnerId, image.ImageAllowed]);
  }

  it("is disabled by default and reports the configured criteria", async () => {
    const off = await ec2ClientFor(await start()).send(new GetAllowedImagesSettingsCommand({}));
    expect(off.State).toBe("disabled");
    const on = await ec2ClientFor(await start({ faults: amazonOnly("enabled") })).send(
      new GetAllowedImagesSettingsCommand({}),
    );
    expect([on.State, on.ImageCriteria, on.ManagedBy]).toEqual([
      "enabled",
      [{ ImageProviders: ["amazon"] }],
      "account",
    ]);
  });

  it("when enabled, hides and refuses images outside the criteria; own and verified ones stay", async () => {
    const client = ec2ClientFor(await start({ faults: amazonOnly("enabled") }), "us-west-2");

    expect(await listed(client, "amzn2-ami-hvm-*-x86_64-gp2")).not.toContainEqual([
      LOOKALIKE_OWNER_ID,
      expect.anything(),
    ]);
    expect(await listed(client, NEWEST_CURRENT_IMAGE_NAMES.ubuntuNoble)).toEqual([
      [CANONICAL_OWNER_ID, true],
    ]);
    const describe = await rejectionOf(
      client.send(
        new DescribeImagesCommand({ ImageIds: [seededImageId("us-west-2", STRANGERS_COPY)] }),
      ),
    );
    expect(describe.name).toBe("InvalidAMIID.NotFound");
    const run = await rejectionOf(launch(client, "us-west-2", STRANGERS_COPY));
    expect(run.name).toBe("InvalidAMIID.NotFound");
    const own = await ownImage(client, "us-west-2");
    const { Images = [] } = await client.send(new DescribeImagesCommand({ ImageIds: [own] }));
    expect(Images[0]?.ImageAllowed).toBe(true);
  });

  it("in audit mode, only marks images and lets every launch through", async () => {
    const client = ec2ClientFor(await start({ faults: amazonOnly("audit-mode") }), "us-west-2");

    expect(await listed(client, STRANGERS_COPY)).toEqual([[LOOKALIKE_OWNER_ID, false]]);
    await expect(launch(client, "us-west-2", STRANGERS_COPY)).resolves.toBeDefined();
  });
});

describe("default VPC", () => {
  const noDefaultVpc: FaultConfig = { account: { noDefaultVpc: { regions: ["sa-east-1"] } } };

  async function defaultVpcs(client: EC2Client) {
    const { Vpcs = [] } = await client.send(
      new DescribeVpcsCommand({ Filters: [{ Name: "is-default", Values: ["true"] }] }),
    );
    const { AccountAttributes = [] } = await client.send(
      new DescribeAccountAttributesCommand({ AttributeNames: ["default-vpc"] }),
    );
    return {
      vpcs: Vpcs.map((vpc) => vpc.VpcId),
      attribute: AccountAttributes[0]?.AttributeValues?.map((value) => value.AttributeValue),
    };
  }

  it("exists in every region by default, in DescribeVpcs and DescribeAccountAttributes", async () => {
    const ec2 = await start();
    const { vpcs, attribute } = await defaultVpcs(ec2ClientFor(ec2, "sa-east-1"));

    expect(vpcs).toHaveLength(1);
    expect(attribute).toEqual(vpcs);
    expect(ec2.account("sa-east-1").defaultVpcId).toBe(vpcs[0]);
  });

  it("is missing where configured: launches without a subnet fail with VPCIdNotSpecified", async () => {
    const ec2 = await start({ faults: noDefaultVpc });
    const client = ec2ClientFor(ec2, "sa-east-1");

    expect(await defaultVpcs(client)).toEqual({ vpcs: [], attribute: ["none"] });
    const run = await rejectionOf(launch(client, "sa-east-1", HVM_NAME));
    expect(run.name).toBe("VPCIdNotSpecified");
    const group = await rejectionOf(
      client.send(new CreateSecurityGroupCommand({ GroupName: "g", Description: "d" })),
    );
    expect(group.name).toBe("VPCIdNotSpecified");
    await expect(
      launch(ec2ClientFor(ec2, "us-east-1"), "us-east-1", HVM_NAME),
    ).resolves.toBeDefined();
  });

  it("comes back when the setting is removed", async () => {
    const ec2 = await start({ faults: noDefaultVpc });
    ec2.setFaults({});

    expect((await defaultVpcs(ec2ClientFor(ec2, "sa-east-1"))).vpcs).toHaveLength(1);
  });
});
