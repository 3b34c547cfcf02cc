// verifyAmi over HTTP against ec2-local, with AMIs made the way Packer makes them, through the SDK.
import {
  CreateImageCommand,
  CreateTagsCommand,
  EC2Client,
  ModifyImageAttributeCommand,
  RunInstancesCommand,
  StopInstancesCommand,
} from "@aws-sdk/client-ec2";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEc2Clients, type Ec2Clients } from "../../src/aws/ec2-clients.ts";
import {
  type Ec2Local,
  type Ec2LocalOptions,
  NEWEST_AMAZON_IMAGE_NAMES,
  seededImageId,
  startEc2Local,
} from "../../src/ec2-local/index.ts";
import { verifyAmi } from "../../src/verify/verify-ami.ts";

const RUN_ID = "20261122-120000-ab12";
const JOB_ID = "spark/eu-west-1/hvm";
const SHARED_WITH = "111122223333";
const REGION = "eu-west-1";
const NO_RECHECK = { looks: 1, delayMs: 0 };
const FAKE_ENV = { AWS_ACCESS_KEY_ID: "AKIDVERIFYTEST", AWS_SECRET_ACCESS_KEY: "not-a-secret" };

let ec2: Ec2Local;
let clients: Ec2Clients;

async function start(options: Ec2LocalOptions = {}): Promise<void> {
  ec2 = await startEc2Local({ port: 0, ...options });
  clients = createEc2Clients({ endpoint: ec2.url, env: FAKE_ENV });
}

beforeEach(() => start());
afterEach(async () => {
  clients.destroy();
  await ec2.close();
});

// What Packer does for one cell: launch, stop, image, tag, share; each last step can be left out.
async function buildAmi({
  region = REGION,
  tags = { "ami-matrix:run": RUN_ID, "ami-matrix:job": JOB_ID },
  share = true,
}: {
  region?: string;
  tags?: Record<string, string> | false;
  share?: boolean;
} = {}): Promise<string> {
  const client = clients.forRegion(region);
  const { Instances = [] } = await client.send(
    new RunInstancesCommand({
      ImageId: seededImageId(region, NEWEST_AMAZON_IMAGE_NAMES.hvm),
      InstanceType: "m5.large",
      MinCount: 1,
      MaxCount: 1,
    }),
  );
  const instanceId = Instances[0]?.InstanceId ?? "";
  await client.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
  const { ImageId = "" } = await client.send(
    new CreateImageCommand({ InstanceId: instanceId, Name: `spark-hvm-${Math.random()}` }),
  );
  if (tags) await tagAmi(ImageId, tags, region);
  if (share) {
    await client.send(
      new ModifyImageAttributeCommand({
        ImageId,
        LaunchPermission: { Add: [{ Group: "all" }, { UserId: SHARED_WITH }] },
      }),
    );
  }
  return ImageId;
}

async function tagAmi(amiId: string, tags: Record<string, string>, region = REGION) {
  await clients.forRegion(region).send(
    new CreateTagsCommand({
      Resources: [amiId],
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
}

function verify(amiId: string, overrides: Partial<Parameters<typeof verifyAmi>[0]> = {}) {
  return verifyAmi({
    client: clients.forRegion(REGION),
    region: REGION,
    amiId,
    runId: RUN_ID,
    jobId: JOB_ID,
    amiGroups: ["all"],
    amiUsers: [SHARED_WITH],
    recheck: NO_RECHECK,
    ...overrides,
  });
}

describe("verifyAmi against ec2-local", () => {
  it("accepts the AMI this run built, available, tagged and shared, asking EC2 in its region", async () => {
    const amiId = await buildAmi();
    ec2.clearCalls();
    expect(await verify(amiId)).toEqual({ ok: true });
    expect(ec2.calls().map((c) => `${c.region} ${c.action}`)).toEqual([
      "eu-west-1 DescribeImages",
      "eu-west-1 DescribeImageAttribute",
    ]);
  });

  it("says an AMI does not exist in the region it was asked about", async () => {
    const elsewhere = await buildAmi({ region: "us-east-1" });
    expect(await verify(elsewhere)).toEqual({
      ok: false,
      reason: `AMI ${elsewhere} does not exist in eu-west-1`,
    });
  });

  it("refuses an AMI without this run's tags, and one another job built", async () => {
    const untagged = await buildAmi({ tags: false });
    expect(await verify(untagged)).toEqual({
      ok: false,
      reason: `AMI ${untagged} in eu-west-1 has no ami-matrix:run tag for run ${RUN_ID}: not the AMI this run built`,
    });
    const otherJob = await buildAmi({
      tags: { "ami-matrix:run": RUN_ID, "ami-matrix:job": "base/eu-west-1/hvm" },
    });
    const result = await verify(otherJob);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain("not the AMI this job built");
  });

  it("refuses an AMI that is not shared as the matrix asks", async () => {
    const amiId = await buildAmi({ share: false });
    const result = await verify(amiId);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(
      `AMI ${amiId} is not public in eu-west-1 although the matrix asks for amiGroups ["all"]`,
    );
    expect(await verify(amiId, { amiGroups: [], amiUsers: [] })).toEqual({ ok: true });
  });

  it("says an AMI still pending is not available", async () => {
    await ec2.close();
    await start({ delays: { imageMs: 60_000 } });
    const amiId = await buildAmi();
    expect(await verify(amiId)).toEqual({
      ok: false,
      reason: `AMI ${amiId} in eu-west-1 is pending, not available`,
    });
  });

  it("looks again before refusing, so tags that show late still count", async () => {
    const amiId = await buildAmi({ tags: false });
    ec2.clearCalls();
    const tagging = new Promise<void>((resolve, reject) => {
      const watcher = setInterval(() => {
        if (ec2.calls({ action: "DescribeImages" }).length === 0) return;
        clearInterval(watcher);
        tagAmi(amiId, { "ami-matrix:run": RUN_ID, "ami-matrix:job": JOB_ID }).then(resolve, reject);
      }, 5);
    });
    const result = await verify(amiId, { recheck: { looks: 3, delayMs: 300 } });
    await tagging;
    expect(result).toEqual({ ok: true });
    expect(ec2.calls({ action: "DescribeImages" }).length).toBe(2);
  });

  it("looks as often as told, then gives the last reason", async () => {
    const missing = "ami-0123456789abcdef0";
    ec2.clearCalls();
    const result = await verify(missing, { recheck: { looks: 3, delayMs: 0 } });
    expect(result).toEqual({ ok: false, reason: `AMI ${missing} does not exist in eu-west-1` });
    expect(ec2.calls({ action: "DescribeImages" }).length).toBe(3);
  });

  it("gets through throttled DescribeImages calls on the SDK's retries", async () => {
    const amiId = await buildAmi();
    ec2.setFaults({
      faults: [{ action: "DescribeImages", code: "RequestLimitExceeded", status: 503, first: 3 }],
    });
    ec2.clearCalls();
    expect(await verify(amiId)).toEqual({ ok: true });
    const describes = ec2.calls({ action: "DescribeImages" });
    expect(describes.map((c) => c.errorCode ?? "answered")).toEqual([
      "RequestLimitExceeded",
      "RequestLimitExceeded",
      "RequestLimitExceeded",
      "answered",
    ]);
  }, 30_000);

  it("when throttling outlasts the retries, says the AMI could not be verified and what to do, without looking again", async () => {
    const amiId = await buildAmi();
    ec2.setFaults({
      faults: [{ action: "DescribeImages", code: "RequestLimitExceeded", status: 503 }],
    });
    ec2.clearCalls();
    const client = new EC2Client({
      endpoint: ec2.url,
      region: REGION,
      credentials: { accessKeyId: "AKIDVERIFYTEST", secretAccessKey: "not-a-secret" },
      maxAttempts: 2,
    });
    try {
      const result = await verify(amiId, { client, recheck: { looks: 3, delayMs: 0 } });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.reason).toBe(
        `Could not verify AMI ${amiId} in eu-west-1: EC2 kept throttling DescribeImages in eu-west-1 after 2 attempts; lower --region-concurrency or try again later`,
      );
      expect(result.cause).toBeInstanceOf(Error);
      expect(ec2.calls({ action: "DescribeImages" }).length).toBe(2);
    } finally {
      client.destroy();
    }
  }, 30_000);

  it("tells the user to attach the policy when DescribeImageAttribute is not allowed", async () => {
    const amiId = await buildAmi();
    ec2.setFaults({
      faults: [{ action: "DescribeImageAttribute", code: "UnauthorizedOperation", status: 403 }],
    });
    const result = await verify(amiId);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe(
      `Could not verify AMI ${amiId} in eu-west-1: The AWS identity may not call ec2:DescribeImageAttribute in eu-west-1: attach the IAM policy that \`npx tsx build-amis.ts policy\` prints`,
    );
  });
});
