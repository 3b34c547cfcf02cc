import { DescribeImagesCommand, EC2Client } from "@aws-sdk/client-ec2";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEc2Clients, type Ec2Clients } from "../../src/aws/ec2-clients.ts";
import {
  type Ec2Local,
  NEWEST_AMAZON_IMAGE_NAMES,
  startEc2Local,
} from "../../src/ec2-local/index.ts";
import type { Job } from "../../src/model/job.ts";
import { resolveSourceAmis } from "../../src/source-amis/resolve-source-amis.ts";
import { pickNewest } from "../../src/source-amis/source-image-choice.ts";

const fakeCredentials = { AWS_ACCESS_KEY_ID: "AKIDTEST", AWS_SECRET_ACCESS_KEY: "test-secret" };

function job(id: string, overrides: Partial<Job["sourceAmi"]> = {}): Job {
  const [image = "", region = "", virtualization = "hvm"] = id.split("/");
  const pv = virtualization === "pv";
  return {
    id,
    image,
    region,
    virtualization: pv ? "pv" : "hvm",
    sourceAmi: {
      owners: ["amazon"],
      name: pv ? "amzn-ami-pv-*-x86_64-ebs" : "amzn2-ami-hvm-*-x86_64-gp2",
      architecture: "x86_64",
      virtualizationType: pv ? "paravirtual" : "hvm",
      rootDeviceType: "ebs",
      includeDeprecated: pv,
      ...overrides,
    },
  } as Job;
}

describe("resolveSourceAmis against ec2-local", () => {
  let ec2: Ec2Local;
  let clients: Ec2Clients;
  beforeAll(async () => {
    ec2 = await startEc2Local({ port: 0 });
    clients = createEc2Clients({ endpoint: ec2.url, env: fakeCredentials });
  });
  afterAll(async () => {
    clients?.destroy();
    await ec2?.close();
  });

  it("picks the newest image matching each filter, per region, past newer look-alikes", async () => {
    const jobs = [job("base/us-east-1/hvm"), job("spark/us-east-1/hvm"), job("base/eu-west-1/pv")];
    const { images, problems } = await resolveSourceAmis({ jobs, clients });
    expect(problems).toEqual([]);
    expect(images.get("base/us-east-1/hvm")?.name).toBe(NEWEST_AMAZON_IMAGE_NAMES.hvm);
    expect(images.get("base/eu-west-1/pv")?.name).toBe(NEWEST_AMAZON_IMAGE_NAMES.paravirtual);
    // Same region and filter: one lookup, one answer.
    expect(images.get("spark/us-east-1/hvm")).toEqual(images.get("base/us-east-1/hvm"));
    expect(ec2.calls({ action: "DescribeImages", region: "us-east-1" })).toHaveLength(1);
    // Each region has its own copy of an image, with its own id.
    const inRegion = await resolveSourceAmis({ jobs: [job("base/eu-west-1/hvm")], clients });
    expect(inRegion.images.get("base/eu-west-1/hvm")?.id).not.toBe(
      images.get("base/us-east-1/hvm")?.id,
    );
  });

  it("names the region, the virtualization and the filter when nothing matches", async () => {
    const { images, problems } = await resolveSourceAmis({
      jobs: [job("base/sa-east-1/pv", { name: "al2023-ami-*" }), job("base/sa-east-1/hvm")],
      clients,
    });
    expect(images.has("base/sa-east-1/hvm")).toBe(true);
    expect(problems).toEqual([
      "no source AMI in sa-east-1 for pv (jobs base/sa-east-1/pv) matches owners=amazon, name=al2023-ami-*, architecture=x86_64, virtualization-type=paravirtual, root-device-type=ebs, deprecated images included; check sourceAmi in the matrix (modern Amazon Linux has no PV images)",
    ]);
  });

  it("asks EC2 for deprecated images only when the filter allows them, and says why PV finds none without", async () => {
    ec2.clearCalls();
    const allowed = await resolveSourceAmis({ jobs: [job("base/us-west-2/pv")], clients });
    expect(allowed.images.get("base/us-west-2/pv")?.deprecationTime).toBeDefined();
    expect(ec2.calls({ action: "DescribeImages" })[0]?.params.IncludeDeprecated).toBe("true");
    const hidden = await resolveSourceAmis({
      jobs: [job("base/us-west-2/pv", { includeDeprecated: false })],
      clients,
    });
    expect(hidden.images.size).toBe(0);
    expect(hidden.problems[0]).toContain(
      'the last PV Amazon Linux images are deprecated, and EC2 lists deprecated images only when asked: set "includeDeprecated": true in sourceAmi',
    );
  });
});

describe("resolveSourceAmis with many pages", () => {
  it("reads every page before choosing, so the newest image on a later page wins", async () => {
    const mock = mockClient(EC2Client);
    const page = (n: number, dates: string[], next?: string) => ({
      Images: dates.map((date, i) => ({
        ImageId: `ami-${n}${i}`,
        Name: `img-${date}`,
        CreationDate: date,
      })),
      NextToken: next,
    });
    mock
      .on(DescribeImagesCommand)
      .resolvesOnce(page(1, ["2021-01-01T00:00:00.000Z", "2020-01-01T00:00:00.000Z"], "t2"))
      .resolvesOnce(page(2, ["2019-05-05T00:00:00.000Z"], "t3"))
      .resolvesOnce(page(3, ["2024-06-01T00:00:00.000Z", "2022-01-01T00:00:00.000Z"]));
    const clients = createEc2Clients({ env: fakeCredentials });
    try {
      const { images } = await resolveSourceAmis({ jobs: [job("base/us-east-1/hvm")], clients });
      expect(images.get("base/us-east-1/hvm")).toEqual({
        id: "ami-30",
        name: "img-2024-06-01T00:00:00.000Z",
        creationDate: "2024-06-01T00:00:00.000Z",
      });
      // The paginator reuses one input object, so count the pages rather than read their tokens.
      expect(mock.commandCalls(DescribeImagesCommand)).toHaveLength(3);
    } finally {
      clients.destroy();
      mock.restore();
    }
  });
});

describe("resolveSourceAmis when EC2 cannot be asked", () => {
  it("reports throttling that outlasts the SDK's retries as a problem naming the region, not a crash", async () => {
    const mock = mockClient(EC2Client);
    const throttled = Object.assign(new Error("Rate exceeded"), {
      name: "RequestLimitExceeded",
      $fault: "client",
      $metadata: { httpStatusCode: 503, attempts: 8 },
    });
    mock.on(DescribeImagesCommand).rejects(throttled);
    const clients = createEc2Clients({ env: fakeCredentials });
    try {
      const { images, problems } = await resolveSourceAmis({
        jobs: [job("base/eu-west-1/hvm")],
        clients,
      });
      expect(images.size).toBe(0);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain("throttling DescribeImages in eu-west-1");
      expect(problems[0]).toContain("--region-concurrency");
    } finally {
      clients.destroy();
      mock.restore();
    }
  });
});

describe("pickNewest", () => {
  it("breaks a tie on creation date by name, so the choice never flips", () => {
    const a = { id: "ami-a", name: "a", creationDate: "2020-01-01" };
    const b = { id: "ami-b", name: "b", creationDate: "2020-01-01" };
    expect(pickNewest([a, b])).toBe(b);
    expect(pickNewest([b, a])).toBe(b);
    expect(pickNewest([])).toBeUndefined();
  });
});
