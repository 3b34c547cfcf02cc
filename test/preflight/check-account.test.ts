// Today's AWS account against the Spark matrix: what would refuse the build stops it at preflight,
// before any instance, naming the region and what to do; what an endpoint cannot answer is a warning.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Ec2Local, type FaultConfig, startEc2Local } from "../../src/ec2-local/index.ts";
import { runCli } from "../support/run-cli.ts";

const REGIONS = ["us-east-1", "sa-east-1"];
let ec2: Ec2Local;
beforeAll(async () => {
  ec2 = await startEc2Local({ port: 0, regions: REGIONS });
});
afterAll(async () => ec2?.close());
beforeEach(() => ec2.setFaults({}));

async function plan(faults: FaultConfig, args: string[] = ["--dry-run"]) {
  ec2.setFaults(faults);
  ec2.clearCalls();
  const result = await runCli(
    ["--ec2-endpoint", ec2.url, "--only", `region=${REGIONS.join(",")}`, ...args],
    {
      env: { ...process.env, AWS_ACCESS_KEY_ID: "AKIDTEST", AWS_SECRET_ACCESS_KEY: "test-secret" },
    },
  );
  return { ...result, launched: ec2.calls().filter((c) => c.action === "RunInstances").length };
}

describe("preflight against the account", () => {
  it("finds the PV instance type missing in one region, before any instance starts", async () => {
    const { code, stderr, launched } = await plan(
      {
        account: { instanceTypesNotOffered: [{ instanceTypes: ["m3.*"], regions: ["sa-east-1"] }] },
      },
      [],
    );
    expect(code).toBe(2);
    expect(launched).toBe(0);
    expect(stderr).toContain(
      "sa-east-1: instance type m3.medium is not offered there (jobs base/sa-east-1/pv, spark/sa-east-1/pv)",
    );
    expect(stderr).toContain("set another instanceType for region.sa-east-1 in the matrix");
    expect(stderr).not.toContain("us-east-1: instance type");
  });

  it("finds image block public access on where the matrix makes AMIs public, with the command that turns it off", async () => {
    const { code, stderr, launched } = await plan(
      {
        account: { imageBlockPublicAccess: { state: "block-new-sharing", regions: ["us-east-1"] } },
      },
      [],
    );
    expect(code).toBe(2);
    expect(launched).toBe(0);
    expect(stderr).toContain("us-east-1: image block public access is on");
    expect(stderr).toContain("aws ec2 disable-image-block-public-access --region us-east-1");
    expect(stderr).not.toContain("sa-east-1: image block");
  });

  it("finds a region without a default VPC when the matrix names no subnet", async () => {
    const { code, stderr } = await plan({ account: { noDefaultVpc: { regions: ["sa-east-1"] } } });
    expect(code).toBe(2);
    expect(stderr).toContain("sa-east-1: the account has no default VPC there");
    expect(stderr).toContain("aws ec2 create-default-vpc --region sa-east-1");
  });

  it("warns, without failing, about checks an emulator does not implement", async () => {
    const { code, stdout } = await plan({
      notImplemented: { actions: ["GetImageBlockPublicAccessState", "GetAllowedImagesSettings"] },
    });
    expect(code).toBe(0);
    expect(stdout).toContain(
      "warning: us-east-1: the endpoint does not implement GetImageBlockPublicAccessState; image block public access is not checked",
    );
    expect(stdout).toContain(
      "warning: sa-east-1: the endpoint does not implement GetAllowedImagesSettings",
    );
  });

  it("finds the deprecated PV images only because the matrix asks for them, and says so", async () => {
    const { code, stdout } = await plan({}, ["--dry-run", "--json"]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    const pv = json.jobs.find((j: { id: string }) => j.id === "base/us-east-1/pv");
    expect(pv.sourceAmi.includeDeprecated).toBe(true);
    expect(pv.sourceImage.name).toMatch(/^amzn-ami-pv-2018\.03\./);
    expect(pv.sourceImage.deprecationTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(json.warnings).toEqual([
      expect.stringMatching(
        /^amzn-ami-pv-2018\.03\.\S+ has been deprecated since \d{4}-\d\d-\d\d.*\(2 jobs in sa-east-1, us-east-1\)$/,
      ),
    ]);
  });
});
