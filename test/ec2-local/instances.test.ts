import {
  CreateKeyPairCommand,
  CreateSnapshotCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  type EC2Client,
  RunInstancesCommand,
  type RunInstancesCommandInput,
  StartInstancesCommand,
  StopInstancesCommand,
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

const HVM_IMAGE = seededImageId("us-east-1", NEWEST_AMAZON_IMAGE_NAMES.hvm);
const PV_IMAGE = seededImageId("us-east-1", NEWEST_AMAZON_IMAGE_NAMES.paravirtual);

let ec2: Ec2Local;
let client: EC2Client;

beforeEach(async () => {
  ec2 = await startEc2Local();
  client = ec2ClientFor(ec2, "us-east-1");
});

afterEach(async () => {
  await ec2.close();
});

async function run(input: Partial<RunInstancesCommandInput> = {}): Promise<string> {
  const { Instances = [] } = await client.send(
    new RunInstancesCommand({
      ImageId: HVM_IMAGE,
      InstanceType: "m5.large",
      MinCount: 1,
      MaxCount: 1,
      ...input,
    }),
  );
  return Instances[0]?.InstanceId ?? "";
}

async function stateOf(instanceId: string): Promise<string | undefined> {
  const { Reservations = [] } = await client.send(
    new DescribeInstancesCommand({ InstanceIds: [instanceId] }),
  );
  return Reservations[0]?.Instances?.[0]?.State?.Name;
}

describe("instance lifecycle", () => {
  it("goes pending → running → stopping → stopped → terminated, settling on the next describe", async () => {
    const { Instances = [] } = await client.send(
      new RunInstancesCommand({
        ImageId: HVM_IMAGE,
        InstanceType: "m5.large",
        MinCount: 1,
        MaxCount: 1,
      }),
    );
    const id = Instances[0]?.InstanceId ?? "";
    expect(Instances[0]?.State?.Name).toBe("pending");
    expect(await stateOf(id)).toBe("running");

    const stop = await client.send(new StopInstancesCommand({ InstanceIds: [id] }));
    expect(stop.StoppingInstances?.[0]).toMatchObject({
      CurrentState: { Name: "stopping", Code: 64 },
      PreviousState: { Name: "running", Code: 16 },
    });
    expect(await stateOf(id)).toBe("stopped");

    await client.send(new StartInstancesCommand({ InstanceIds: [id] }));
    expect(await stateOf(id)).toBe("running");

    const terminate = await client.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(terminate.TerminatingInstances?.[0]?.CurrentState?.Name).toBe("shutting-down");
    expect(await stateOf(id)).toBe("terminated");
    expect(ec2.liveInstances()).toEqual([]);
  });

  it("keeps an instance pending until the configured delay has passed", async () => {
    await ec2.close();
    ec2 = await startEc2Local({ delays: { instanceMs: 150 } });
    client = ec2ClientFor(ec2, "us-east-1");

    const id = await run();
    expect(await stateOf(id)).toBe("pending");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await stateOf(id)).toBe("running");
  });

  it("gives the instance a root volume from the image snapshot, deleted on termination", async () => {
    const id = await run();
    const { Volumes = [] } = await client.send(
      new DescribeVolumesCommand({ Filters: [{ Name: "attachment.instance-id", Values: [id] }] }),
    );
    expect(Volumes).toHaveLength(1);
    expect(Volumes[0]).toMatchObject({
      State: "in-use",
      Size: 8,
      Attachments: [{ Device: "/dev/xvda" }],
    });

    await client.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    await stateOf(id);
    const after = await client.send(
      new DescribeVolumesCommand({ VolumeIds: [Volumes[0]?.VolumeId ?? ""] }),
    );
    expect(after.Volumes?.[0]?.State).toBe("deleting");
  });

  it("returns the same instance for a repeated ClientToken", async () => {
    const first = await run({ ClientToken: "build-42" });
    const second = await run({ ClientToken: "build-42" });

    expect(second).toBe(first);
    expect(ec2.instances()).toHaveLength(1);
    const mismatch = await rejectionOf(run({ ClientToken: "build-42", InstanceType: "c5.large" }));
    expect(mismatch.name).toBe("IdempotentParameterMismatch");
  });

  it("applies TagSpecifications to the instance and its volumes, and filters by tag and state", async () => {
    const tagged = await run({
      TagSpecifications: [
        { ResourceType: "instance", Tags: [{ Key: "Name", Value: "Packer Builder" }] },
        { ResourceType: "volume", Tags: [{ Key: "Job", Value: "spark/us-east-1/hvm" }] },
      ],
    });
    const other = await run();
    await client.send(new StopInstancesCommand({ InstanceIds: [other] }));

    const byTag = await client.send(
      new DescribeInstancesCommand({ Filters: [{ Name: "tag:Name", Values: ["Packer*"] }] }),
    );
    const running = await client.send(
      new DescribeInstancesCommand({
        Filters: [{ Name: "instance-state-name", Values: ["running"] }],
      }),
    );
    const volumes = await client.send(
      new DescribeVolumesCommand({ Filters: [{ Name: "tag:Job", Values: ["spark/*"] }] }),
    );

    expect(byTag.Reservations?.flatMap((r) => r.Instances?.map((i) => i.InstanceId))).toEqual([
      tagged,
    ]);
    expect(running.Reservations?.flatMap((r) => r.Instances?.map((i) => i.InstanceId))).toEqual([
      tagged,
    ]);
    expect(volumes.Volumes?.map((volume) => volume.Attachments?.[0]?.InstanceId)).toEqual([tagged]);
  });

  it("refuses a PV image on an HVM-only type and an HVM image on a PV-only type", async () => {
    const pvOnM5 = await rejectionOf(run({ ImageId: PV_IMAGE, InstanceType: "m5.large" }));
    const hvmOnT1 = await rejectionOf(run({ ImageId: HVM_IMAGE, InstanceType: "t1.micro" }));
    const pvOnM3 = await run({ ImageId: PV_IMAGE, InstanceType: "m3.medium" });

    expect(pvOnM5.name).toBe("InvalidParameterCombination");
    expect(hvmOnT1.name).toBe("InvalidParameterCombination");
    expect(pvOnM3).toMatch(/^i-[0-9a-f]{17}$/);
  });

  it("refuses unknown images, key pairs, groups and instances with EC2's codes", async () => {
    const image = await rejectionOf(
      run({ ImageId: seededImageId("eu-west-1", NEWEST_AMAZON_IMAGE_NAMES.hvm) }),
    );
    const key = await rejectionOf(run({ KeyName: "missing" }));
    const group = await rejectionOf(run({ SecurityGroupIds: ["sg-0123456789abcdef0"] }));
    const instance = await rejectionOf(
      client.send(new DescribeInstancesCommand({ InstanceIds: ["i-0123456789abcdef0"] })),
    );
    const stopUnknown = await rejectionOf(
      client.send(new StopInstancesCommand({ InstanceIds: ["i-0123456789abcdef0"] })),
    );

    expect([image.name, key.name, group.name, instance.name, stopUnknown.name]).toEqual([
      "InvalidAMIID.NotFound",
      "InvalidKeyPair.NotFound",
      "InvalidGroup.NotFound",
      "InvalidInstanceID.NotFound",
      "InvalidInstanceID.NotFound",
    ]);
    expect(ec2.instances()).toEqual([]);
  });

  it("launches with an existing key pair and reports it", async () => {
    await client.send(new CreateKeyPairCommand({ KeyName: "builder" }));
    const id = await run({ KeyName: "builder" });

    expect(ec2.liveInstances()).toMatchObject([{ id, keyName: "builder", state: "running" }]);
  });

  it("cannot start a terminated instance", async () => {
    const id = await run();
    await client.send(new TerminateInstancesCommand({ InstanceIds: [id] }));

    const error = await rejectionOf(client.send(new StartInstancesCommand({ InstanceIds: [id] })));
    expect(error.name).toBe("IncorrectInstanceState");
  });

  it("snapshots a volume on request, pending until the image delay has passed", async () => {
    await ec2.close();
    ec2 = await startEc2Local({ delays: { imageMs: 100 } });
    client = ec2ClientFor(ec2, "us-east-1");
    const id = await run();
    const volumeId = ec2.volumes().find((volume) => volume.instanceId === id)?.id ?? "";

    const created = await client.send(
      new CreateSnapshotCommand({ VolumeId: volumeId, Description: "manual" }),
    );
    expect(created).toMatchObject({ State: "pending", VolumeId: volumeId, VolumeSize: 8 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const { Snapshots = [] } = await client.send(
      new DescribeSnapshotsCommand({ Filters: [{ Name: "volume-id", Values: [volumeId] }] }),
    );
    expect(
      Snapshots.map((snapshot) => [snapshot.SnapshotId, snapshot.State, snapshot.Description]),
    ).toEqual([[created.SnapshotId, "completed", "manual"]]);
  });
});
