import {
  DescribeInstanceTypeOfferingsCommand,
  type DescribeInstanceTypeOfferingsCommandInput,
  type EC2Client,
  paginateDescribeInstanceTypeOfferings,
  RunInstancesCommand,
} from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import {
  KNOWN_INSTANCE_TYPES,
  NEWEST_AMAZON_IMAGE_NAMES,
  seededImageId,
} from "../../src/ec2-local/index.ts";
import { ec2ClientFor, rejectionOf } from "./helpers/ec2-client.ts";
import { useServers } from "./helpers/servers.ts";

const start = useServers();

// PV needs m3 (or older) in regions that still offer it; a real account may find it gone.
const PV_NOT_OFFERED = {
  account: {
    instanceTypesNotOffered: [{ instanceTypes: ["m3.*", "c3.*"], regions: ["eu-west-1"] }],
  },
};

async function offered(
  client: EC2Client,
  input: DescribeInstanceTypeOfferingsCommandInput,
): Promise<string[]> {
  const found: string[] = [];
  for await (const page of paginateDescribeInstanceTypeOfferings({ client }, input)) {
    for (const offering of page.InstanceTypeOfferings ?? []) {
      found.push(`${offering.InstanceType}@${offering.Location}`);
    }
  }
  return found;
}

function launchPv(client: EC2Client, region: string) {
  return client.send(
    new RunInstancesCommand({
      ImageId: seededImageId(region, NEWEST_AMAZON_IMAGE_NAMES.paravirtual),
      InstanceType: "m3.medium",
      MinCount: 1,
      MaxCount: 1,
    }),
  );
}

describe("DescribeInstanceTypeOfferings", () => {
  it("offers every known type in the region by default, page by page", async () => {
    const ec2 = await start();
    const client = ec2ClientFor(ec2, "sa-east-1");

    const all = await offered(client, { LocationType: "region", MaxResults: 100 });
    expect(all).toEqual(KNOWN_INSTANCE_TYPES.map((type) => `${type}@sa-east-1`));
    expect(KNOWN_INSTANCE_TYPES.length).toBeGreaterThan(100);
    const pages = ec2.calls({ action: "DescribeInstanceTypeOfferings" }).length;
    expect(pages).toBe(Math.ceil(KNOWN_INSTANCE_TYPES.length / 100));
  });

  it("answers the preflight's question with the instance-type filter, per zone too", async () => {
    const ec2 = await start();
    const client = ec2ClientFor(ec2, "us-west-1");
    const filter = [{ Name: "instance-type", Values: ["m3.medium", "g4dn.xlarge", "g5.xlarge"] }];

    // As on AWS, N. California has no g5; g4dn is offered everywhere ec2-local serves.
    expect(await offered(client, { LocationType: "region", Filters: filter })).toEqual([
      "m3.medium@us-west-1",
      "g4dn.xlarge@us-west-1",
    ]);
    const gpu = [{ Name: "instance-type", Values: ["g4dn.xlarge", "g5.xlarge"] }];
    expect(
      await offered(ec2ClientFor(ec2, "ap-northeast-2"), {
        LocationType: "region",
        Filters: gpu,
      }),
    ).toEqual(["g4dn.xlarge@ap-northeast-2", "g5.xlarge@ap-northeast-2"]);
    expect(
      await offered(client, {
        LocationType: "availability-zone",
        Filters: [{ Name: "instance-type", Values: ["m3.medium"] }],
      }),
    ).toEqual(["m3.medium@us-west-1a", "m3.medium@us-west-1c"]);
  });

  it("leaves out the types configured as not offered, in those regions only", async () => {
    const ec2 = await start({ faults: PV_NOT_OFFERED });
    const filter = { Filters: [{ Name: "instance-type", Values: ["m3.medium"] }] };

    expect(await offered(ec2ClientFor(ec2, "eu-west-1"), filter)).toEqual([]);
    expect(await offered(ec2ClientFor(ec2, "us-east-1"), filter)).toEqual(["m3.medium@us-east-1"]);
    expect(ec2.account("eu-west-1").instanceTypesNotOffered).toContain("c3.large");
  });

  it("refuses a launch of a type the region does not offer, as EC2 does", async () => {
    const ec2 = await start({ faults: PV_NOT_OFFERED });

    const error = await rejectionOf(launchPv(ec2ClientFor(ec2, "eu-west-1"), "eu-west-1"));
    expect(error.name).toBe("Unsupported");
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain("The requested configuration is currently not supported");
    await expect(launchPv(ec2ClientFor(ec2, "us-east-1"), "us-east-1")).resolves.toBeDefined();
  });

  it("refuses page sizes outside 5 to 1000", async () => {
    const client = ec2ClientFor(await start());

    const error = await rejectionOf(
      client.send(new DescribeInstanceTypeOfferingsCommand({ MaxResults: 3 })),
    );
    expect(error.name).toBe("InvalidParameterValue");
  });
});
