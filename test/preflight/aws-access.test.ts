import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEc2Clients } from "../../src/aws/ec2-clients.ts";
import { type Ec2Local, startEc2Local } from "../../src/ec2-local/index.ts";
import { checkAwsAccess } from "../../src/preflight/aws-access.ts";
import { runCli } from "../support/run-cli.ts";

const fakeCredentials = { AWS_ACCESS_KEY_ID: "AKIDTEST", AWS_SECRET_ACCESS_KEY: "test-secret" };
let ec2: Ec2Local;
beforeAll(async () => {
  ec2 = await startEc2Local({ port: 0, regions: ["us-east-1", "eu-west-1"] });
});
afterAll(async () => ec2?.close());

// The SDK's default credential chain reads the process environment; these tests need it empty.
function withoutAwsCredentials(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
  ])
    delete env[name];
  return { ...env, AWS_SHARED_CREDENTIALS_FILE: "/nonexistent", AWS_CONFIG_FILE: "/nonexistent" };
}

describe("checkAwsAccess", () => {
  it("passes when credentials resolve and every region answers", async () => {
    const clients = createEc2Clients({ endpoint: ec2.url, env: fakeCredentials });
    try {
      expect(await checkAwsAccess({ clients, regions: ["us-east-1", "eu-west-1"] })).toEqual([]);
    } finally {
      clients.destroy();
    }
  });

  it("names every region that does not answer", async () => {
    const clients = createEc2Clients({ endpoint: ec2.url, env: fakeCredentials, maxAttempts: 1 });
    try {
      const problems = await checkAwsAccess({
        clients,
        regions: ["us-east-1", "sa-east-1", "ap-south-1"],
      });
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(/^region sa-east-1 does not answer: AuthFailure/);
      expect(problems[0]).toContain("enabled for the account");
      expect(problems[1]).toMatch(/^region ap-south-1 does not answer/);
    } finally {
      clients.destroy();
    }
  });
});

describe("preflight through the CLI", () => {
  it("reports missing credentials and a missing Packer together, before anything starts", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, withoutAwsCredentials());
    for (const name of [
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
      "AWS_PROFILE",
    ])
      delete process.env[name];
    try {
      const { code, stderr } = await runCli(
        ["--only", "region=us-east-1", "--packer", "/nonexistent/packer"],
        {
          env: withoutAwsCredentials(),
        },
      );
      expect(code).toBe(2);
      expect(stderr).toContain("Preflight found 2 problems; nothing was started");
      expect(stderr).toContain("/nonexistent/packer");
      expect(stderr).toContain("AWS credentials: none could be loaded");
      expect(stderr).toContain("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
      expect(stderr).not.toMatch(/^\s+at /m);
    } finally {
      process.env = saved;
    }
  });

  it("says in a rehearsal's dry run which provisioning steps cannot run without SSH", async () => {
    const { code, stdout } = await runCli(
      ["--ec2-endpoint", ec2.url, "--dry-run", "--only", "region=us-east-1"],
      {
        env: { ...process.env, ...fakeCredentials },
      },
    );
    expect(code).toBe(0);
    expect(stdout).toContain(
      `Rehearsal: no SSH to the instances, so these provisioning scripts do not run: scripts/base.sh, scripts/spark.sh; everything else is a real Packer build against ${ec2.url}.`,
    );
  });

  it("stops prune and sweep at the same preflight, before listing or removing anything", async () => {
    for (const command of ["prune", "sweep"]) {
      const { code, stderr } = await runCli(
        [command, "--ec2-endpoint", ec2.url, "--only", "region=sa-east-1"],
        {
          env: { ...process.env, ...fakeCredentials },
        },
      );
      expect(code).toBe(2);
      expect(stderr).toContain("Preflight found a problem; nothing was changed");
      expect(stderr).toContain("region sa-east-1 does not answer");
    }
    expect(ec2.calls({ region: "sa-east-1" }).every((c) => c.action === "DescribeRegions")).toBe(
      true,
    );
  });

  it("pins the newest seeded source AMIs in a rehearsal and shows them in the dry run", async () => {
    const { code, stdout } = await runCli(
      ["--ec2-endpoint", ec2.url, "--dry-run", "--json", "--only", "region=eu-west-1"],
      {
        env: { ...process.env, ...fakeCredentials },
      },
    );
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    const names = plan.jobs.map(
      (j: { id: string; sourceImage: { name: string } | null; needs: string[] }) => [
        j.id,
        j.sourceImage?.name ?? `on ${j.needs.join(", ")}`,
      ],
    );
    // The Spark image builds on the base image's AMI, so only the base cells pin a source image.
    expect(names).toEqual([
      ["base/eu-west-1/hvm", "al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64"],
      ["base/eu-west-1/pv", "amzn-ami-pv-2018.03.0.20201028.0-x86_64-ebs"],
      ["spark/eu-west-1/hvm", "on base/eu-west-1/hvm"],
      ["spark/eu-west-1/pv", "on base/eu-west-1/pv"],
    ]);
  });
});
