import {
  CopyImageCommand,
  CreateImageCommand,
  DescribeImagesCommand,
  DescribeRegionsCommand,
  type EC2Client,
  RunInstancesCommand,
} from "@aws-sdk/client-ec2";
import { afterEach, describe, expect, it } from "vitest";
import {
  type Ec2Local,
  type Ec2LocalOptions,
  FaultConfigError,
  NEWEST_AMAZON_IMAGE_NAMES,
  seededImageId,
  startEc2Local,
} from "../../src/ec2-local/index.ts";
import { ec2ClientFor, rejectionOf } from "./helpers/ec2-client.ts";

const servers: Ec2Local[] = [];

async function start(options: Ec2LocalOptions): Promise<Ec2Local> {
  const server = await startEc2Local(options);
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Outcome of each call: "ok" or the error code. */
async function outcomes(client: EC2Client, count: number): Promise<string[]> {
  const results: string[] = [];
  for (let i = 0; i < count; i++) {
    try {
      await client.send(new DescribeRegionsCommand({}));
      results.push("ok");
    } catch (error) {
      results.push((error as Error).name);
    }
  }
  return results;
}

describe("fault injection", () => {
  it("fails the first N matching calls, then lets calls through", async () => {
    const ec2 = await start({
      faults: { faults: [{ action: "DescribeRegions", code: "RequestLimitExceeded", first: 2 }] },
    });
    const client = ec2ClientFor(ec2);

    const error = await rejectionOf(client.send(new DescribeRegionsCommand({})));
    expect(error.name).toBe("RequestLimitExceeded");
    expect(error.$metadata?.httpStatusCode).toBe(503);
    expect(await outcomes(client, 3)).toEqual(["RequestLimitExceeded", "ok", "ok"]);
    expect(ec2.calls().map((call) => call.injected ?? false)).toEqual([true, true, false, false]);
  });

  it("fails about the given fraction of calls, the same calls for the same seed", async () => {
    const rule = { action: "DescribeRegions", code: "RequestLimitExceeded", fraction: 0.33 };
    const first = await outcomes(
      ec2ClientFor(await start({ seed: 7, faults: { faults: [rule] } })),
      200,
    );
    const again = await outcomes(
      ec2ClientFor(await start({ seed: 7, faults: { faults: [rule] } })),
      200,
    );
    const otherSeed = await outcomes(
      ec2ClientFor(await start({ seed: 8, faults: { faults: [rule] } })),
      200,
    );

    const failures = first.filter((outcome) => outcome !== "ok").length;
    expect(failures).toBeGreaterThan(40);
    expect(failures).toBeLessThan(92);
    expect(again).toEqual(first);
    expect(otherSeed).not.toEqual(first);
  });

  it("limits a fault to the listed regions and applies the given status", async () => {
    const ec2 = await start({
      faults: {
        faults: [
          {
            action: "Describe*",
            code: "InsufficientInstanceCapacity",
            status: 500,
            regions: ["sa-east-1"],
          },
        ],
      },
    });

    const error = await rejectionOf(
      ec2ClientFor(ec2, "sa-east-1").send(new DescribeRegionsCommand({})),
    );
    expect([error.name, error.$metadata?.httpStatusCode]).toEqual([
      "InsufficientInstanceCapacity",
      500,
    ]);
    await expect(
      ec2ClientFor(ec2, "us-east-1").send(new DescribeRegionsCommand({})),
    ).resolves.toBeDefined();
  });

  it("delays the configured action only", async () => {
    const ec2 = await start({ faults: { latencyMs: { DescribeImages: 150 } } });
    const client = ec2ClientFor(ec2);

    const started = performance.now();
    await client.send(new DescribeImagesCommand({ Owners: ["self"] }));
    const slow = performance.now() - started;
    await client.send(new DescribeRegionsCommand({}));

    expect(slow).toBeGreaterThanOrEqual(140);
    expect(ec2.calls({ action: "DescribeRegions" })[0]?.durationMs).toBeLessThan(100);
  });

  it("changes faults at runtime and restarts their counters", async () => {
    const ec2 = await start({});
    const client = ec2ClientFor(ec2);
    expect(await outcomes(client, 1)).toEqual(["ok"]);

    ec2.setFaults({
      faults: [{ action: "DescribeRegions", code: "UnauthorizedOperation", first: 1 }],
    });
    expect(await outcomes(client, 2)).toEqual(["UnauthorizedOperation", "ok"]);
    ec2.setFaults({
      faults: [{ action: "DescribeRegions", code: "UnauthorizedOperation", first: 1 }],
    });
    expect(await outcomes(client, 1)).toEqual(["UnauthorizedOperation"]);
    ec2.setFaults({});
    expect(await outcomes(client, 1)).toEqual(["ok"]);
  });

  it("makes new images in the listed regions end failed", async () => {
    const ec2 = await start({ faults: { failImages: { regions: ["sa-east-1"] } } });
    const useast = ec2ClientFor(ec2, "us-east-1");
    const { Instances = [] } = await useast.send(
      new RunInstancesCommand({
        ImageId: seededImageId("us-east-1", NEWEST_AMAZON_IMAGE_NAMES.hvm),
        InstanceType: "m5.large",
        MinCount: 1,
        MaxCount: 1,
      }),
    );
    const { ImageId = "" } = await useast.send(
      new CreateImageCommand({
        InstanceId: Instances[0]?.InstanceId ?? "",
        Name: "spark-fails-in-sa",
      }),
    );
    await useast.send(new DescribeImagesCommand({ ImageIds: [ImageId] }));
    const copies = await Promise.all(
      ["sa-east-1", "eu-west-1"].map((region) =>
        ec2ClientFor(ec2, region).send(
          new CopyImageCommand({
            SourceRegion: "us-east-1",
            SourceImageId: ImageId,
            Name: "spark-fails-in-sa",
          }),
        ),
      ),
    );

    const { Images = [] } = await ec2ClientFor(ec2, "sa-east-1").send(
      new DescribeImagesCommand({ ImageIds: [copies[0]?.ImageId ?? ""] }),
    );
    expect(Images[0]?.State).toBe("failed");
    expect(Images[0]?.StateReason?.Code).toBe("Server.InternalError");
    expect(ec2.imagesByState()).toEqual({
      "us-east-1": { available: [ImageId] },
      "sa-east-1": { failed: [copies[0]?.ImageId] },
      "eu-west-1": { available: [copies[1]?.ImageId] },
    });
    expect(ec2.snapshots("sa-east-1").map((snapshot) => snapshot.state)).toEqual(["error"]);
  });

  it("fails about the given fraction of new images, the same ones for the same seed", async () => {
    const failedNames = async (seed: number): Promise<string[]> => {
      const ec2 = await start({
        seed,
        faults: { failImages: { fraction: 0.5, names: ["frac-*"] } },
      });
      const client = ec2ClientFor(ec2, "us-west-2");
      const { Instances = [] } = await client.send(
        new RunInstancesCommand({
          ImageId: seededImageId("us-west-2", NEWEST_AMAZON_IMAGE_NAMES.hvm),
          InstanceType: "m5.large",
          MinCount: 1,
          MaxCount: 1,
        }),
      );
      const instanceId = Instances[0]?.InstanceId ?? "";
      for (let i = 0; i < 20; i++) {
        await client.send(new CreateImageCommand({ InstanceId: instanceId, Name: `frac-${i}` }));
      }
      await client.send(new CreateImageCommand({ InstanceId: instanceId, Name: "other-name" }));
      return ec2
        .images({ state: "failed" })
        .map((image) => image.name)
        .sort();
    };

    const first = await failedNames(3);
    expect(first.length).toBeGreaterThan(4);
    expect(first.length).toBeLessThan(16);
    expect(first).not.toContain("other-name");
    expect(await failedNames(3)).toEqual(first);
  });

  it("rejects a fault configuration with every problem listed", async () => {
    const error = await rejectionOf(
      startEc2Local({
        faults: {
          faults: [{ action: "RunInstances", first: 1, fraction: 0.5 } as never],
          latencyMs: { RunInstances: -1 },
        },
      }),
    );

    expect(error).toBeInstanceOf(FaultConfigError);
    expect(error.message).toContain("faults.0.code");
    expect(error.message).toContain("latencyMs.RunInstances");
  });

  it("refuses rules that could never fire: an unknown action or region", async () => {
    const ec2 = await start({});

    let error: unknown;
    try {
      ec2.setFaults({
        faults: [{ action: "RunInstance", code: "InternalError", regions: ["us-east-9"] }],
        failImages: { regions: ["eu-west-3"] },
      });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(FaultConfigError);
    expect((error as Error).message).toContain("'RunInstance' matches no action");
    expect((error as Error).message).toContain("'us-east-9' is not served");
    expect((error as Error).message).toContain("failImages.regions: region 'eu-west-3'");
    expect(ec2.faults()).toEqual({});
  });
});
