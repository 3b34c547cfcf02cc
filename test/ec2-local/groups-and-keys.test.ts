import {
  AuthorizeSecurityGroupIngressCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from "@aws-sdk/client-ec2";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Ec2Local,
  NEWEST_AMAZON_IMAGE_NAMES,
  seededImageId,
  startEc2Local,
} from "../../src/ec2-local/index.ts";
import { ec2ClientFor, rejectionOf } from "./helpers/ec2-client.ts";

let ec2: Ec2Local;
let client: EC2Client;

beforeEach(async () => {
  ec2 = await startEc2Local();
  client = ec2ClientFor(ec2, "us-east-1");
});

afterEach(async () => {
  await ec2.close();
});

describe("temporary security groups", () => {
  it("creates a group in the default VPC, authorizes a port and lists it", async () => {
    const { GroupId = "" } = await client.send(
      new CreateSecurityGroupCommand({
        GroupName: "packer_tmp",
        Description: "Temporary group for Packer",
      }),
    );
    await client.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: [
          { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
        ],
      }),
    );

    const { SecurityGroups = [] } = await client.send(
      new DescribeSecurityGroupsCommand({ GroupIds: [GroupId] }),
    );
    expect(SecurityGroups[0]).toMatchObject({
      GroupName: "packer_tmp",
      Description: "Temporary group for Packer",
      IpPermissions: [
        { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
      ],
    });
    expect(SecurityGroups[0]?.VpcId).toMatch(/^vpc-/);
    expect(ec2.securityGroups().map((group) => group.name)).toEqual(["packer_tmp"]);
    const duplicate = await rejectionOf(
      client.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId,
          IpPermissions: [
            { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
          ],
        }),
      ),
    );
    expect(duplicate.name).toBe("InvalidPermission.Duplicate");
  });

  it("refuses to delete a group while an instance uses it, and deletes it after termination", async () => {
    const { GroupId = "" } = await client.send(
      new CreateSecurityGroupCommand({ GroupName: "in-use", Description: "used" }),
    );
    const { Instances = [] } = await client.send(
      new RunInstancesCommand({
        ImageId: seededImageId("us-east-1", NEWEST_AMAZON_IMAGE_NAMES.hvm),
        InstanceType: "m5.large",
        MinCount: 1,
        MaxCount: 1,
        SecurityGroupIds: [GroupId],
      }),
    );

    const busy = await rejectionOf(client.send(new DeleteSecurityGroupCommand({ GroupId })));
    expect(busy.name).toBe("DependencyViolation");

    await client.send(
      new TerminateInstancesCommand({ InstanceIds: [Instances[0]?.InstanceId ?? ""] }),
    );
    await client.send(new DeleteSecurityGroupCommand({ GroupId }));
    expect(ec2.securityGroups()).toEqual([]);
    const gone = await rejectionOf(
      client.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId] })),
    );
    expect(gone.name).toBe("InvalidGroup.NotFound");
  });

  it("keeps groups apart per region and never reports the default group", async () => {
    await client.send(new CreateSecurityGroupCommand({ GroupName: "east", Description: "east" }));

    const west = await ec2ClientFor(ec2, "us-west-2").send(new DescribeSecurityGroupsCommand({}));
    expect(west.SecurityGroups?.map((group) => group.GroupName)).toEqual(["default"]);
    expect(ec2.securityGroups("us-west-2")).toEqual([]);
    expect(ec2.securityGroups("us-east-1").map((group) => group.name)).toEqual(["east"]);
  });
});

describe("temporary key pairs", () => {
  it("creates a key pair with a PEM private key, lists it and deletes it", async () => {
    const created = await client.send(new CreateKeyPairCommand({ KeyName: "packer_key" }));
    expect(created.KeyMaterial).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(created.KeyFingerprint).toMatch(/^([0-9a-f]{2}:){19}[0-9a-f]{2}$/);

    const { KeyPairs = [] } = await client.send(
      new DescribeKeyPairsCommand({ KeyNames: ["packer_key"] }),
    );
    expect(KeyPairs.map((key) => [key.KeyName, key.KeyPairId])).toEqual([
      ["packer_key", created.KeyPairId],
    ]);
    expect(ec2.keyPairs()).toMatchObject([{ name: "packer_key", region: "us-east-1" }]);

    await client.send(new DeleteKeyPairCommand({ KeyName: "packer_key" }));
    expect(ec2.keyPairs()).toEqual([]);
    const missing = await rejectionOf(
      client.send(new DescribeKeyPairsCommand({ KeyNames: ["packer_key"] })),
    );
    expect(missing.name).toBe("InvalidKeyPair.NotFound");
  });

  it("refuses a duplicate name but accepts deleting a key that is already gone", async () => {
    await client.send(new CreateKeyPairCommand({ KeyName: "twice" }));
    const duplicate = await rejectionOf(
      client.send(new CreateKeyPairCommand({ KeyName: "twice" })),
    );

    expect(duplicate.name).toBe("InvalidKeyPair.Duplicate");
    await expect(
      client.send(new DeleteKeyPairCommand({ KeyName: "never-existed" })),
    ).resolves.toBeDefined();
  });
});
