import {
  DescribeAvailabilityZonesCommand,
  DescribeRegionsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMERCIAL_REGIONS, type Ec2Local, startEc2Local } from "../../src/ec2-local/index.ts";
import { ec2ClientFor, rejectionOf } from "./helpers/ec2-client.ts";

let ec2: Ec2Local;

beforeAll(async () => {
  ec2 = await startEc2Local();
});

afterAll(async () => {
  await ec2.close();
});

describe("regions, zones and the default network", () => {
  it("lists the eight regions the matrix builds in", async () => {
    const { Regions = [] } = await ec2ClientFor(ec2, "us-east-1").send(
      new DescribeRegionsCommand({}),
    );

    expect(Regions.map((region) => region.RegionName)).toEqual([...COMMERCIAL_REGIONS]);
    expect(Regions[0]?.Endpoint).toBe("ec2.ap-northeast-1.amazonaws.com");
  });

  it("lists the zones of the region the request is signed for", async () => {
    const { AvailabilityZones = [] } = await ec2ClientFor(ec2, "us-west-1").send(
      new DescribeAvailabilityZonesCommand({}),
    );

    expect(AvailabilityZones.map((zone) => zone.ZoneName)).toEqual(["us-west-1a", "us-west-1c"]);
    expect(AvailabilityZones.every((zone) => zone.State === "available")).toBe(true);
  });

  it("has one default VPC per region with a default subnet in each zone", async () => {
    const client = ec2ClientFor(ec2, "sa-east-1");
    const { Vpcs = [] } = await client.send(
      new DescribeVpcsCommand({ Filters: [{ Name: "is-default", Values: ["true"] }] }),
    );
    const { Subnets = [] } = await client.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [Vpcs[0]?.VpcId ?? ""] }] }),
    );

    expect(Vpcs).toHaveLength(1);
    expect(Vpcs[0]).toMatchObject({
      IsDefault: true,
      CidrBlock: "172.31.0.0/16",
      State: "available",
    });
    expect(Subnets.map((subnet) => [subnet.AvailabilityZone, subnet.DefaultForAz])).toEqual([
      ["sa-east-1a", true],
      ["sa-east-1b", true],
      ["sa-east-1c", true],
    ]);
  });

  it("refuses a call signed for a region it does not serve", async () => {
    const error = await rejectionOf(
      ec2ClientFor(ec2, "cn-north-1").send(new DescribeRegionsCommand({})),
    );

    expect(error.name).toBe("AuthFailure");
    expect(error.message).toContain("cn-north-1");
  });
});
