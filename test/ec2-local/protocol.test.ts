import { RunInstancesCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Ec2Local,
  NEWEST_AMAZON_IMAGE_NAMES,
  STATE_PATH,
  seededImageId,
  startEc2Local,
} from "../../src/ec2-local/index.ts";
import { ec2ClientFor, rejectionOf } from "./helpers/ec2-client.ts";

let ec2: Ec2Local;

beforeAll(async () => {
  ec2 = await startEc2Local();
});

afterAll(async () => {
  await ec2.close();
});

function signedFor(region: string): string {
  return `AWS4-HMAC-SHA256 Credential=AKIDEC2LOCALTEST/20261122/${region}/ec2/aws4_request, SignedHeaders=host, Signature=0`;
}

async function post(
  body: string,
  authorization?: string,
): Promise<{ status: number; text: string }> {
  const response = await fetch(ec2.url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(authorization ? { authorization } : {}),
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe("the EC2 Query protocol", () => {
  it("answers an unknown action with EC2's InvalidAction error XML and logs it", async () => {
    const { status, text } = await post(
      "Action=RequestSpotInstances&Version=2016-11-15",
      signedFor("us-west-2"),
    );

    expect(status).toBe(400);
    expect(text).toMatch(
      /<Response><Errors><Error><Code>InvalidAction<\/Code><Message>The action RequestSpotInstances is not valid for this web service\.<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/,
    );
    expect(ec2.calls({ action: "RequestSpotInstances" })).toMatchObject([
      { region: "us-west-2", status: 400, errorCode: "InvalidAction" },
    ]);
  });

  it("wraps answers in <ActionResponse> with the 2016-11-15 namespace and a requestId", async () => {
    const { status, text } = await post(
      "Action=DescribeRegions&Version=2016-11-15",
      signedFor("eu-west-1"),
    );

    expect(status).toBe(200);
    expect(text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<DescribeRegionsResponse xmlns="http:\/\/ec2.amazonaws.com\/doc\/2016-11-15\/"><requestId>[0-9a-f-]{36}<\/requestId><regionInfo><item><regionName>/,
    );
  });

  it("takes the action from the query string too, and the region from a presigned credential", async () => {
    const credential = encodeURIComponent(
      "AKIDEC2LOCALTEST/20261122/ap-southeast-2/ec2/aws4_request",
    );
    const response = await fetch(
      `${ec2.url}/?Action=DescribeAvailabilityZones&Version=2016-11-15&X-Amz-Credential=${credential}`,
    );

    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<zoneName>ap-southeast-2a</zoneName>");
  });

  it("refuses an unsigned request with AuthFailure", async () => {
    const { status, text } = await post("Action=DescribeRegions&Version=2016-11-15");

    expect(status).toBe(401);
    expect(text).toContain("<Code>AuthFailure</Code>");
  });

  it("answers DryRun with DryRunOperation and changes nothing", async () => {
    const error = await rejectionOf(
      ec2ClientFor(ec2).send(
        new RunInstancesCommand({
          ImageId: seededImageId("us-east-1", NEWEST_AMAZON_IMAGE_NAMES.hvm),
          InstanceType: "m5.large",
          MinCount: 1,
          MaxCount: 1,
          DryRun: true,
        }),
      ),
    );

    expect(error.name).toBe("DryRunOperation");
    expect(ec2.instances()).toEqual([]);
  });

  it("serves the whole state and call log as JSON", async () => {
    const response = await fetch(`${ec2.url}${STATE_PATH}`);
    const state = (await response.json()) as { regions: Record<string, unknown>; calls: unknown[] };

    expect(response.headers.get("content-type")).toBe("application/json");
    expect(Object.keys(state.regions)).toContain("sa-east-1");
    expect(state.regions["us-east-1"]).toMatchObject({
      instances: [],
      securityGroups: [],
      keyPairs: [],
    });
    expect(state.calls.length).toBe(ec2.calls().length);
  });
});
