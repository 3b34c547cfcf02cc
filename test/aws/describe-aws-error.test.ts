import { DescribeImagesCommand, EC2Client, EC2ServiceException } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { describeAwsError, isAwsError } from "../../src/aws/describe-aws-error.ts";
import { type Ec2Local, startEc2Local } from "../../src/ec2-local/index.ts";

const where = { action: "DescribeImages", region: "eu-west-1" };

function serviceError(name: string, message: string, attempts?: number): EC2ServiceException {
  return new EC2ServiceException({
    name,
    message,
    $fault: "client",
    $metadata: { httpStatusCode: 400, ...(attempts === undefined ? {} : { attempts }) },
  });
}

describe("describeAwsError, from SDK-shaped errors", () => {
  it.each(["RequestLimitExceeded", "Throttling", "ThrottlingException"])(
    "%s after retries: says how many attempts, and what to do",
    (code) => {
      expect(describeAwsError(serviceError(code, "Rate exceeded", 8), where)).toBe(
        "EC2 kept throttling DescribeImages in eu-west-1 after 8 attempts; lower --region-concurrency or try again later",
      );
    },
  );

  it("throttling without a count of attempts still says what to do", () => {
    expect(describeAwsError(serviceError("Throttling", "Rate exceeded"), where)).toBe(
      "EC2 kept throttling DescribeImages in eu-west-1 after the SDK's retries; lower --region-concurrency or try again later",
    );
  });

  it("missing credentials: names the ways to give them", () => {
    const error = Object.assign(new Error("Could not load credentials from any providers"), {
      name: "CredentialsProviderError",
    });
    const text = describeAwsError(error, where);
    expect(text).toMatch(/^No AWS credentials for DescribeImages in eu-west-1: /);
    expect(text).toContain("AWS_PROFILE");
    expect(text).toContain("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    expect(isAwsError(error)).toBe(true);
  });

  it("refused credentials and permissions: say what to check or attach", () => {
    expect(
      describeAwsError(serviceError("AuthFailure", "AWS was not able to validate"), where),
    ).toBe(
      "AWS did not accept the credentials for DescribeImages in eu-west-1 (AWS was not able to validate): check that the keys are current, that the region is enabled for the account, and that this machine's clock is right",
    );
    expect(describeAwsError(serviceError("InvalidClientTokenId", "bad"), where)).toContain(
      "check AWS_ACCESS_KEY_ID",
    );
    expect(
      describeAwsError(serviceError("UnauthorizedOperation", "You are not authorized"), where),
    ).toBe(
      "The AWS identity may not call ec2:DescribeImages in eu-west-1: attach the IAM policy that `npx tsx build-amis.ts policy` prints",
    );
  });

  it("anything else: `<Code>: <message>` on one line", () => {
    const error = serviceError("InvalidParameterValue", "Value (x) for parameter\nfoo is invalid");
    expect(describeAwsError(error, where)).toBe(
      "InvalidParameterValue: Value (x) for parameter foo is invalid",
    );
    expect(describeAwsError({ Code: "Weird" }, where)).toBe("Weird");
    expect(describeAwsError("boom", where)).toBe("Error: boom");
  });

  it("tells SDK errors from our own bugs", () => {
    expect(isAwsError(serviceError("AuthFailure", "x"))).toBe(true);
    expect(isAwsError(new TypeError("undefined is not a function"))).toBe(false);
    expect(isAwsError("a string")).toBe(false);
  });
});

describe("describeAwsError, from the real SDK talking to ec2-local", () => {
  let ec2: Ec2Local;
  beforeAll(async () => {
    ec2 = await startEc2Local({ port: 0 });
  });
  afterAll(() => ec2.close());
  beforeEach(() => ec2.setFaults({}));

  async function failure(
    endpoint: string,
    region = "us-west-2",
  ): Promise<{ error: unknown; text: string }> {
    const client = new EC2Client({
      endpoint,
      region,
      credentials: { accessKeyId: "AKIDERRORTEST", secretAccessKey: "not-a-secret" },
      maxAttempts: 3,
    });
    try {
      await client.send(new DescribeImagesCommand({ Owners: ["self"] }));
    } catch (error) {
      return { error, text: describeAwsError(error, { action: "DescribeImages", region }) };
    } finally {
      client.destroy();
    }
    throw new Error("expected DescribeImages to fail");
  }

  it("counts the SDK's attempts when every call is throttled", async () => {
    ec2.setFaults({ faults: [{ action: "*", code: "RequestLimitExceeded", status: 503 }] });
    const { error, text } = await failure(ec2.url);
    expect(text).toBe(
      "EC2 kept throttling DescribeImages in us-west-2 after 3 attempts; lower --region-concurrency or try again later",
    );
    expect(isAwsError(error)).toBe(true);
    expect(ec2.calls({ action: "DescribeImages", region: "us-west-2" }).length).toBe(3);
  }, 30_000);

  it("explains a refused signature", async () => {
    ec2.setFaults({ faults: [{ action: "*", code: "AuthFailure", status: 401 }] });
    const { text } = await failure(ec2.url);
    expect(text).toMatch(/^AWS did not accept the credentials for DescribeImages in us-west-2 \(/);
  });

  it("passes other codes through with EC2's message", async () => {
    ec2.setFaults({
      faults: [{ action: "*", code: "InvalidParameterValue", message: "Owners is wrong" }],
    });
    expect((await failure(ec2.url)).text).toBe("InvalidParameterValue: Owners is wrong");
  });

  it("says an endpoint that does not answer cannot be reached", async () => {
    const closed = await startEc2Local({ port: 0 });
    const url = closed.url;
    await closed.close();
    const { error, text } = await failure(url);
    expect(isAwsError(error)).toBe(true);
    expect(text).toMatch(
      /^Could not reach EC2 for DescribeImages in us-west-2 \(.*ECONNREFUSED.*\): check the network, or the --ec2-endpoint URL$/,
    );
  }, 30_000);
});
