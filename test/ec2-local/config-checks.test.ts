import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  DescribeImagesCommand,
  DescribeRegionsCommand,
  GetAllowedImagesSettingsCommand,
} from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { FaultConfigError, parseFaultConfig } from "../../src/ec2-local/index.ts";
import { ec2ClientFor, rejectionOf } from "./helpers/ec2-client.ts";
import { useServers } from "./helpers/servers.ts";

const start = useServers();
const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../examples");

function problems(config: unknown): string {
  try {
    parseFaultConfig(config, "faults.json");
  } catch (error) {
    expect(error).toBeInstanceOf(FaultConfigError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("the fault file refuses what matches nothing", () => {
  it("names an unknown action and region with the nearest valid ones", () => {
    const message = problems({
      faults: [{ action: "RunInstance", code: "InternalError", regions: ["us-east1"] }],
    });

    expect(message).toContain("faults.json");
    expect(message).toContain(
      "faults.0.action: 'RunInstance' matches no action ec2-local answers; did you mean 'RunInstances'?",
    );
    expect(message).toContain("(actions: AuthorizeSecurityGroupIngress, CopyImage,");
    expect(message).toContain(
      "faults.0.regions: region 'us-east1' is not served; did you mean 'us-east-1'?",
    );
  });

  it("checks every place that names an action, region or instance type", () => {
    const message = problems({
      latencyMs: { CreateImages: 10, "*": 1 },
      failImages: { regions: ["eu-west-3"] },
      notImplemented: { actions: ["GetAllowedImageSettings"] },
      account: {
        instanceTypesNotOffered: [{ instanceTypes: ["m3.meduim"], regions: ["sa-east1"] }],
        imageBlockPublicAccess: { state: "block-new-sharing", regions: ["eu-west1"] },
        allowedImages: { state: "enabled", regions: ["ap-northeast1"] },
        noDefaultVpc: { regions: ["us-west"] },
      },
    });

    for (const expected of [
      "latencyMs: 'CreateImages' is no action ec2-local answers; did you mean 'CreateImage'?",
      "failImages.regions: region 'eu-west-3' is not served; did you mean 'eu-west-1'?",
      "notImplemented.actions: 'GetAllowedImageSettings' matches no action ec2-local answers; did you mean 'GetAllowedImagesSettings'?",
      "account.instanceTypesNotOffered.0.instanceTypes: 'm3.meduim' matches no instance type ec2-local knows; did you mean 'm3.medium'?",
      "account.instanceTypesNotOffered.0.regions: region 'sa-east1'",
      "account.imageBlockPublicAccess.regions: region 'eu-west1'",
      "account.allowedImages.regions: region 'ap-northeast1'",
      "account.noDefaultVpc.regions: region 'us-west'",
    ]) {
      expect(message).toContain(expected);
    }
  });

  it("accepts wildcards that match something, and refuses values outside the schema", () => {
    expect(() =>
      parseFaultConfig({ faults: [{ action: "Describe*", code: "RequestLimitExceeded" }] }),
    ).not.toThrow();
    const message = problems({
      account: {
        imageBlockPublicAccess: { state: "blocked" },
        allowedImages: { state: "enabled", imageCriteria: [{ imageProviders: ["canonical"] }] },
      },
    });
    expect(message).toContain("account.imageBlockPublicAccess.state");
    expect(message).toContain("account.allowedImages.imageCriteria.0.imageProviders.0");
  });

  it("accepts every example file shipped in examples/", async () => {
    const files = (await readdir(EXAMPLES)).filter((file) => file.endsWith(".json"));
    expect(files).toContain("account-pv-not-offered.json");
    for (const file of files) {
      const text = await readFile(path.join(EXAMPLES, file), "utf8");
      expect(() => parseFaultConfig(JSON.parse(text), file), file).not.toThrow();
    }
  });

  it("accepts the account example in the README", async () => {
    const readme = await readFile(path.join(EXAMPLES, "../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### Rehearsing today's AWS account"));
    const json = section.slice(section.indexOf("```json") + 7, section.indexOf("```\n\n|"));

    const config = parseFaultConfig(JSON.parse(json), "README.md");
    expect(Object.keys(config.account ?? {})).toHaveLength(4);
  });
});

describe("actions answered as not implemented", () => {
  it("answers as LocalStack does by default, and marks the call as injected", async () => {
    const ec2 = await start({
      faults: { notImplemented: { actions: ["GetAllowedImagesSettings"] } },
    });
    const client = ec2ClientFor(ec2);

    const error = await rejectionOf(client.send(new GetAllowedImagesSettingsCommand({})));
    expect(error.name).toBe("InternalFailure");
    expect(error.$metadata?.httpStatusCode).toBe(501);
    expect(error.message).toContain("has not yet been emulated");
    await expect(client.send(new DescribeRegionsCommand({}))).resolves.toBeDefined();
    expect(ec2.calls().map((call) => [call.action, call.status, call.injected])).toEqual([
      ["GetAllowedImagesSettings", 501, true],
      ["DescribeRegions", 200, undefined],
    ]);
  });

  it("answers as EC2 answers an unknown action when asked to", async () => {
    const ec2 = await start({
      faults: { notImplemented: { actions: ["Describe*"], as: "ec2" } },
    });

    const error = await rejectionOf(ec2ClientFor(ec2).send(new DescribeImagesCommand({})));
    expect(error.name).toBe("InvalidAction");
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });
});
