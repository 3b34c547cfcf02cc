import {
  type _InstanceType,
  DescribeImagesCommand,
  type EC2Client,
  type Image,
  RunInstancesCommand,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AMAZON_OWNER_ID,
  CANONICAL_OWNER_ID,
  DEEP_LEARNING_OWNER_ID,
  ECS_OWNER_ID,
  type Ec2Local,
  LOOKALIKE_OWNER_ID,
  NEWEST_AMAZON_IMAGE_NAMES,
  NEWEST_CURRENT_IMAGE_NAMES,
  seededImageId,
  startEc2Local,
} from "../../src/ec2-local/index.ts";
import { ec2ClientFor, rejectionOf } from "./helpers/ec2-client.ts";

let ec2: Ec2Local;
let client: EC2Client;

beforeAll(async () => {
  ec2 = await startEc2Local();
  client = ec2ClientFor(ec2, "eu-west-1");
});

afterAll(async () => {
  await ec2.close();
});

async function newest(options: {
  owners?: string[];
  name: string;
  architecture?: string;
}): Promise<Image | undefined> {
  const { Images = [] } = await client.send(
    new DescribeImagesCommand({
      Owners: options.owners,
      Filters: [
        { Name: "name", Values: [options.name] },
        ...(options.architecture ? [{ Name: "architecture", Values: [options.architecture] }] : []),
        { Name: "root-device-type", Values: ["ebs"] },
        { Name: "virtualization-type", Values: ["hvm"] },
      ],
    }),
  );
  return [...Images].sort((a, b) => (b.CreationDate ?? "").localeCompare(a.CreationDate ?? ""))[0];
}

async function launch(imageName: string, instanceType: string): Promise<string | undefined> {
  const { Instances = [] } = await client.send(
    new RunInstancesCommand({
      ImageId: seededImageId("eu-west-1", imageName),
      InstanceType: instanceType as _InstanceType,
      MinCount: 1,
      MaxCount: 1,
    }),
  );
  return Instances[0]?.InstanceType;
}

describe("the images today's example matrices build from", () => {
  const cases = [
    {
      image: "Amazon Linux 2023",
      owners: ["amazon"],
      name: "al2023-ami-2023.*-kernel-6.1-x86_64",
      expected: NEWEST_CURRENT_IMAGE_NAMES.amazonLinux2023,
      ownerId: AMAZON_OWNER_ID,
    },
    {
      image: "the ECS GPU-optimized Amazon Linux 2",
      owners: ["amazon"],
      name: "amzn2-ami-ecs-gpu-hvm-*-x86_64-ebs",
      expected: NEWEST_CURRENT_IMAGE_NAMES.ecsGpu,
      ownerId: ECS_OWNER_ID,
    },
    {
      image: "the ECS GPU-optimized Amazon Linux 2023",
      owners: ["amazon"],
      name: "al2023-ami-ecs-gpu-hvm-2023.*-kernel-6.1-x86_64-ebs",
      expected: NEWEST_CURRENT_IMAGE_NAMES.ecsGpuAl2023,
      ownerId: ECS_OWNER_ID,
    },
    {
      image: "Ubuntu 24.04 LTS server",
      owners: [CANONICAL_OWNER_ID],
      name: "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*",
      expected: NEWEST_CURRENT_IMAGE_NAMES.ubuntuNoble,
      ownerId: CANONICAL_OWNER_ID,
    },
    {
      image: "the Deep Learning base AMI with NVIDIA drivers",
      owners: [DEEP_LEARNING_OWNER_ID],
      name: "Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 22.04) *",
      expected: NEWEST_CURRENT_IMAGE_NAMES.deepLearningGpu,
      ownerId: DEEP_LEARNING_OWNER_ID,
    },
    {
      image: "the Deep Learning base AMI on Ubuntu 24.04",
      owners: [DEEP_LEARNING_OWNER_ID],
      name: "Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 24.04) *",
      expected: NEWEST_CURRENT_IMAGE_NAMES.deepLearningGpuNoble,
      ownerId: DEEP_LEARNING_OWNER_ID,
    },
  ];

  for (const { image, owners, name, expected, ownerId } of cases) {
    it(`finds the newest ${image}, not a stranger's newer copy`, async () => {
      const chosen = await newest({ owners, name, architecture: "x86_64" });
      expect(chosen).toMatchObject({ Name: expected, OwnerId: ownerId, Architecture: "x86_64" });

      const withoutOwner = await newest({ name, architecture: "x86_64" });
      expect(withoutOwner?.OwnerId).toBe(LOOKALIKE_OWNER_ID);
    });
  }

  it("catches a sloppy pattern: the minimal and arm64 variants are newer", async () => {
    const sloppy = await newest({ owners: ["amazon"], name: "al2023-ami-*" });
    expect(sloppy?.Name).not.toBe(NEWEST_CURRENT_IMAGE_NAMES.amazonLinux2023);
    const noArchitecture = await newest({
      owners: [CANONICAL_OWNER_ID],
      name: "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-*-server-*",
    });
    expect(noArchitecture?.Architecture).toBe("arm64");
  });

  it("answers Owners=amazon with the ECS and Deep Learning images too (alias amazon)", async () => {
    const { Images = [] } = await client.send(
      new DescribeImagesCommand({
        Owners: ["amazon"],
        Filters: [
          {
            Name: "name",
            Values: [NEWEST_CURRENT_IMAGE_NAMES.ecsGpu, NEWEST_CURRENT_IMAGE_NAMES.deepLearningGpu],
          },
        ],
      }),
    );
    expect(Images.map((image) => image.ImageOwnerAlias)).toEqual(["amazon", "amazon"]);
  });

  it("names the ECS AMIs as amazon-ecs-ami releases do: only the GPU one ends in -ebs", async () => {
    expect(NEWEST_CURRENT_IMAGE_NAMES.ecsGpuAl2023).toBe(
      "al2023-ami-ecs-gpu-hvm-2023.0.20261113-kernel-6.1-x86_64-ebs",
    );
    const standard = await newest({
      owners: ["amazon"],
      name: "al2023-ami-ecs-hvm-2023.*",
      architecture: "x86_64",
    });
    expect(standard?.Name).toBe("al2023-ami-ecs-hvm-2023.0.20261113-kernel-6.1-x86_64");
    // A loose pattern picks the Neuron image, made a few minutes after the GPU one.
    const loose = await newest({
      owners: ["amazon"],
      name: "al2023-ami-ecs-*",
      architecture: "x86_64",
    });
    expect(loose?.Name).toContain("neuron");
  });

  it("leaves the Amazon Linux 2 choices of the Spark matrix unchanged", async () => {
    expect((await newest({ owners: ["amazon"], name: "amzn2-ami-hvm-*-x86_64-gp2" }))?.Name).toBe(
      NEWEST_AMAZON_IMAGE_NAMES.hvm,
    );
  });
});

describe("GPU instance types", () => {
  it("launch GPU images on g5, g4dn and p3 types, and arm64 ones on g5g", async () => {
    expect(await launch(NEWEST_CURRENT_IMAGE_NAMES.deepLearningGpu, "g5.xlarge")).toBe("g5.xlarge");
    expect(await launch(NEWEST_CURRENT_IMAGE_NAMES.ecsGpu, "g4dn.xlarge")).toBe("g4dn.xlarge");
    expect(await launch(NEWEST_CURRENT_IMAGE_NAMES.deepLearningGpu, "p3.2xlarge")).toBe(
      "p3.2xlarge",
    );
    expect(
      await launch(
        "Deep Learning ARM64 Base OSS Nvidia Driver GPU AMI (Ubuntu 22.04) 20241115",
        "g5g.xlarge",
      ),
    ).toBe("g5g.xlarge");
  });

  it("refuses a PV image on a GPU type, and a type EC2 does not have", async () => {
    const pv = await rejectionOf(launch(NEWEST_AMAZON_IMAGE_NAMES.paravirtual, "g5.xlarge"));
    expect(pv.name).toBe("InvalidParameterCombination");
    const unknown = await rejectionOf(
      launch(NEWEST_CURRENT_IMAGE_NAMES.deepLearningGpu, "g5.huge"),
    );
    expect(unknown.name).toBe("InvalidParameterValue");
    expect(unknown.message).toBe("Invalid value 'g5.huge' for InstanceType.");
  });
});
