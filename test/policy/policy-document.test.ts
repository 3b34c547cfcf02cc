// `build-amis.ts policy` as a user runs it: the JSON on stdout is a policy IAM accepts, exact and explained.
import { describe, expect, it } from "vitest";
import { SUPPORTED_ACTIONS } from "../../src/ec2-local/index.ts";
import { NOT_GRANTED, POLICY_ACTIONS } from "../../src/policy/policy-actions.ts";
import { type PolicyDocument, uncoveredActions } from "../../src/policy/policy-document.ts";
import { runCli } from "../support/run-cli.ts";

async function printedPolicy(): Promise<PolicyDocument> {
  const { code, stdout, stderr } = await runCli(["policy"]);
  expect(code).toBe(0);
  expect(stderr).toBe("");
  return JSON.parse(stdout) as PolicyDocument;
}

describe("policy", () => {
  it("prints only a policy document on stdout, so `> policy.json` gives a valid file", async () => {
    const policy = await printedPolicy();
    expect(policy.Version).toBe("2012-10-17");
    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      "ReadEc2State",
      "BuildImages",
      "ShareImages",
      "CleanUp",
    ]);
    for (const statement of policy.Statement) {
      expect(statement.Effect).toBe("Allow");
      expect(statement.Resource).toBe("*");
      expect(statement.Action.length).toBeGreaterThan(0);
    }
  });

  it("names each action exactly once, in full: no wildcard, only actions EC2 has", async () => {
    const actions = (await printedPolicy()).Statement.flatMap((s) => s.Action);
    expect(actions.filter((a) => a.includes("*") || a.includes("?"))).toEqual([]);
    expect(new Set(actions).size).toBe(actions.length);
    // ec2-local answers real EC2 action names only, so a misspelt action shows up here.
    const unknown = actions.filter((a) => !SUPPORTED_ACTIONS.includes(a.replace(/^ec2:/, "")));
    expect(unknown).toEqual([]);
    expect(actions.every((a) => a.startsWith("ec2:"))).toBe(true);
  });

  it("keeps the read-only statement read-only, and every Describe and Get action in it", async () => {
    const policy = await printedPolicy();
    for (const statement of policy.Statement) {
      const describes = statement.Action.filter((a) => /^ec2:(Describe|Get)/.test(a));
      if (statement.Sid === "ReadEc2State") expect(describes).toEqual(statement.Action);
      else expect(describes).toEqual([]);
    }
  });

  it("grants nothing it lists as left out on purpose", async () => {
    const actions = (await printedPolicy()).Statement.flatMap((s) => s.Action);
    for (const { action } of NOT_GRANTED) expect(actions).not.toContain(action);
  });

  it("grants what Packer and the tool's own calls need, and --explain says who needs each", async () => {
    const policy = await printedPolicy();
    const actions = policy.Statement.flatMap((s) => s.Action);
    for (const needed of [
      "ec2:RunInstances",
      "ec2:CreateImage",
      "ec2:CreateTags",
      "ec2:ModifyImageAttribute",
      "ec2:DescribeImageAttribute",
      "ec2:TerminateInstances",
      "ec2:DeregisterImage",
      "ec2:DeleteSnapshot",
      "ec2:DescribeKeyPairs",
      "ec2:DescribeSnapshots",
    ]) {
      expect(actions).toContain(needed);
    }
    const { code, stdout } = await runCli(["policy", "--explain"]);
    expect(code).toBe(0);
    for (const entry of POLICY_ACTIONS.filter((a) => !a.spot)) {
      expect(entry.packer ?? entry.tool, entry.action).toBeTruthy();
      expect(stdout).toContain(`ec2:${entry.action}\n`);
    }
    expect(stdout).toContain("ec2:CopyImage");
    expect(stdout).toContain("the copy strategy");
    expect(stdout).toContain("ec2:ModifySnapshotAttribute");
  });

  it("reports the actions a run called that the policy would refuse", () => {
    expect(uncoveredActions(["RunInstances", "DescribeImages", "RunInstances"])).toEqual([]);
    expect(uncoveredActions(["ModifySnapshotAttribute", "RunInstances", "RegisterImage"])).toEqual([
      "ModifySnapshotAttribute",
      "RegisterImage",
    ]);
  });

  it("adds the Spot calls with --spot, and what a matrix needs with --matrix", async () => {
    const spotCalls = [
      "ec2:CreateFleet",
      "ec2:CreateLaunchTemplate",
      "ec2:DeleteLaunchTemplate",
      "ec2:DescribeLaunchTemplates",
    ];
    const plain = (await printedPolicy()).Statement.flatMap((s) => s.Action);
    for (const action of spotCalls) expect(plain).not.toContain(action);

    const spot = await runCli(["policy", "--spot"]);
    const withSpot = (JSON.parse(spot.stdout) as PolicyDocument).Statement;
    expect(withSpot.flatMap((s) => s.Action)).toEqual(expect.arrayContaining(spotCalls));
    expect(withSpot.find((s) => s.Sid === "ReadEc2State")?.Action).toContain(
      "ec2:DescribeLaunchTemplates",
    );

    // The GPU batch matrix gives its build instance a profile (pulling from ECR, reading S3).
    const gpu = await runCli(["policy", "--matrix", "matrix/gpu-batch.json"]);
    expect(gpu.code).toBe(0);
    const passRole = (JSON.parse(gpu.stdout) as PolicyDocument).Statement.find(
      (s) => s.Sid === "PassBuildInstanceRole",
    );
    expect(passRole).toEqual({
      Sid: "PassBuildInstanceRole",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: "*",
      Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
    });
    expect(gpu.stdout).not.toContain("ec2:CreateFleet");
    const explained = await runCli(["policy", "--matrix", "matrix/gpu-batch.json", "--explain"]);
    expect(explained.stdout).toContain("ec2:CreateFleet");
    expect(explained.stdout).toContain("policy --spot adds them");
    expect(explained.stdout).toContain(
      "aws iam create-service-linked-role --aws-service-name spot.amazonaws.com",
    );
  });

  it("says which matrix it could not read", async () => {
    const { code, stderr } = await runCli(["policy", "--matrix", "matrix/nope.json"]);
    expect(code).toBe(2);
    expect(stderr).toContain("matrix/nope.json");
  });

  it("explains itself in --help and is listed among the commands", async () => {
    const help = await runCli(["policy", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("policy > policy.json");
    expect(help.stdout).toContain("--explain");
    const main = await runCli(["--help"]);
    expect(main.stdout).toMatch(/\n {2}policy +print the IAM policy/);
  });

  it("rejects an argument it does not take, pointing to --help", async () => {
    const { code, stdout, stderr } = await runCli(["policy", "ec2"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("build-amis.ts policy --help");
  });
});
