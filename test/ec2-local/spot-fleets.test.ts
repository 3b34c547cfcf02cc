// Launch templates, instant fleets and one-time Spot instances as EC2 documents them, through the real
// AWS SDK: what Packer's Spot builds call, and what the tool's cleanup and sweep look for.
import {
  CreateFleetCommand,
  CreateLaunchTemplateCommand,
  CreateTagsCommand,
  DeleteLaunchTemplateCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  type EC2Client,
  RunInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type Ec2Local,
  NEWEST_CURRENT_IMAGE_NAMES,
  seededImageId,
  startEc2Local,
} from "../../src/ec2-local/index.ts";
import { ec2ClientFor, rejectionOf } from "./helpers/ec2-client.ts";

let ec2: Ec2Local;
let seoul: EC2Client;
let california: EC2Client;
let counter = 0;

beforeAll(async () => {
  ec2 = await startEc2Local();
  seoul = ec2ClientFor(ec2, "ap-northeast-2");
  california = ec2ClientFor(ec2, "us-west-1");
});
afterAll(async () => ec2.close());
beforeEach(() => ec2.setFaults({}));

const gpuImage = (region: string) => seededImageId(region, NEWEST_CURRENT_IMAGE_NAMES.ecsGpuAl2023);
const userData = Buffer.from("#cloud-config\npackages: [jq]\n").toString("base64");

async function template(client: EC2Client, region: string, overrides: object = {}) {
  const name = `packer-fleet-launch-template-test${++counter}`;
  const { LaunchTemplate } = await client.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: name,
      LaunchTemplateData: {
        ImageId: gpuImage(region),
        InstanceType: "g5.xlarge",
        InstanceMarketOptions: { MarketType: "spot" },
        BlockDeviceMappings: [
          { DeviceName: "/dev/xvda", Ebs: { VolumeSize: 40, VolumeType: "gp3", Iops: 3000 } },
        ],
        UserData: userData,
        IamInstanceProfile: { Name: "" },
        Placement: { AvailabilityZone: "" },
        ...overrides,
      },
      TagSpecifications: [
        { ResourceType: "launch-template", Tags: [{ Key: "ami-matrix:run", Value: "r1" }] },
      ],
    }),
  );
  return { name, id: LaunchTemplate?.LaunchTemplateId ?? "" };
}

function instantSpotFleet(name: string, instanceTypes: string[] = []) {
  return new CreateFleetCommand({
    Type: "instant",
    LaunchTemplateConfigs: [
      {
        LaunchTemplateSpecification: { LaunchTemplateName: name, Version: "1" },
        ...(instanceTypes.length > 0
          ? { Overrides: instanceTypes.map((InstanceType) => ({ InstanceType })) }
          : {}),
      },
    ],
    TargetCapacitySpecification: { TotalTargetCapacity: 1, DefaultTargetCapacityType: "spot" },
    ReplaceUnhealthyInstances: false,
  } as never);
}

async function instance(client: EC2Client, id: string) {
  const { Reservations = [] } = await client.send(
    new DescribeInstancesCommand({ InstanceIds: [id] }),
  );
  return Reservations[0]?.Instances?.[0];
}

describe("launch templates", () => {
  it("are made, listed by tag and deleted by name; a name is taken once", async () => {
    const { name, id } = await template(seoul, "ap-northeast-2");
    expect(id).toMatch(/^lt-[0-9a-f]{17}$/);
    const again = await rejectionOf(
      seoul.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: name,
          LaunchTemplateData: { ImageId: gpuImage("ap-northeast-2") },
        }),
      ),
    );
    expect(again.name).toBe("InvalidLaunchTemplateName.AlreadyExistsException");

    const { LaunchTemplates = [] } = await seoul.send(
      new DescribeLaunchTemplatesCommand({
        Filters: [{ Name: "tag:ami-matrix:run", Values: ["r1"] }],
      }),
    );
    expect(LaunchTemplates.map((t) => t.LaunchTemplateName)).toContain(name);

    await seoul.send(new DeleteLaunchTemplateCommand({ LaunchTemplateName: name }));
    expect(ec2.launchTemplates("ap-northeast-2").map((t) => t.name)).not.toContain(name);
    const gone = await rejectionOf(
      seoul.send(new DeleteLaunchTemplateCommand({ LaunchTemplateName: name })),
    );
    expect(gone.name).toBe("InvalidLaunchTemplateName.NotFoundException");
  });
});

describe("an instant Spot fleet", () => {
  it("launches one Spot instance from the template, with its user data and root volume", async () => {
    const { name } = await template(seoul, "ap-northeast-2");
    const fleet = await seoul.send(instantSpotFleet(name));
    expect(fleet.FleetId).toMatch(/^fleet-[0-9a-f-]{36}$/);
    expect(fleet.Errors ?? []).toEqual([]);
    const id = fleet.Instances?.[0]?.InstanceIds?.[0] ?? "";
    const launched = await instance(seoul, id);
    expect(launched).toMatchObject({
      InstanceType: "g5.xlarge",
      InstanceLifecycle: "spot",
      ImageId: gpuImage("ap-northeast-2"),
    });
    expect(launched?.SpotInstanceRequestId).toMatch(/^sir-[0-9a-f]{8}$/);
    const summary = ec2.instances({ region: "ap-northeast-2" }).find((i) => i.id === id);
    expect(summary).toMatchObject({
      lifecycle: "spot",
      userData: "#cloud-config\npackages: [jq]\n",
      rootVolume: { deviceName: "/dev/xvda", size: 40, volumeType: "gp3" },
    });

    // Packer tags the Spot request with its spot_tags, and terminates the instance at the end.
    await seoul.send(
      new CreateTagsCommand({
        Resources: [launched?.SpotInstanceRequestId ?? ""],
        Tags: [{ Key: "ami-matrix:run", Value: "r1" }],
      }),
    );
    const stop = await rejectionOf(seoul.send(new StopInstancesCommand({ InstanceIds: [id] })));
    expect(stop.name).toBe("UnsupportedOperation");
    await seoul.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(
      ec2.spotRequests("ap-northeast-2").find((r) => r.id === launched?.SpotInstanceRequestId),
    ).toMatchObject({
      state: "closed",
      status: "instance-terminated-by-user",
      tags: { "ami-matrix:run": "r1" },
    });
  });

  it("falls back to the next instance type where the first is not offered, saying why in errorSet", async () => {
    const { name } = await template(california, "us-west-1");
    const fleet = await california.send(instantSpotFleet(name, ["g5.xlarge", "g4dn.xlarge"]));
    expect(fleet.Errors).toMatchObject([
      {
        ErrorCode: "Unsupported",
        Lifecycle: "spot",
        LaunchTemplateAndOverrides: { Overrides: { InstanceType: "g5.xlarge" } },
      },
    ]);
    expect(fleet.Instances).toMatchObject([{ InstanceType: "g4dn.xlarge", Lifecycle: "spot" }]);
  });

  it("answers no Spot capacity with HTTP 200 and an errorSet, launching nothing", async () => {
    ec2.setFaults({
      faults: [{ action: "CreateFleet", code: "InsufficientInstanceCapacity", first: 1 }],
    });
    const { name } = await template(seoul, "ap-northeast-2");
    const before = ec2.instances({ region: "ap-northeast-2" }).length;
    const fleet = await seoul.send(instantSpotFleet(name));
    expect(fleet.Instances ?? []).toEqual([]);
    expect(fleet.Errors).toMatchObject([
      {
        ErrorCode: "InsufficientInstanceCapacity",
        ErrorMessage: "There is no Spot capacity available that matches your request.",
      },
    ]);
    expect(ec2.instances({ region: "ap-northeast-2" })).toHaveLength(before);
    expect(ec2.calls({ action: "CreateFleet" }).at(-1)).toMatchObject({ status: 200 });
  });

  it("is refused for a template that does not exist, and for a fleet type ec2-local does not keep", async () => {
    const missing = await rejectionOf(seoul.send(instantSpotFleet("no-such-template")));
    expect(missing.name).toBe("InvalidLaunchTemplateName.NotFoundException");
    const { name } = await template(seoul, "ap-northeast-2");
    const maintain = await rejectionOf(
      seoul.send(
        new CreateFleetCommand({
          Type: "maintain",
          LaunchTemplateConfigs: [
            { LaunchTemplateSpecification: { LaunchTemplateName: name, Version: "1" } },
          ],
          TargetCapacitySpecification: { TotalTargetCapacity: 1 },
        } as never),
      ),
    );
    expect(maintain.message).toContain("instant fleets only");
  });
});

describe("user data", () => {
  it("must be base64, as EC2 says", async () => {
    const error = await rejectionOf(
      seoul.send(
        new RunInstancesCommand({
          ImageId: gpuImage("ap-northeast-2"),
          InstanceType: "g5.xlarge",
          MinCount: 1,
          MaxCount: 1,
          UserData: "#cloud-config not encoded",
        }),
      ),
    );
    expect(error.name).toBe("InvalidParameterValue");
    expect(error.message).toBe("Invalid BASE64 encoding of user data.");
  });
});
