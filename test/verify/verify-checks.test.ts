import type { Image, LaunchPermission } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { checkImage, checkSharing, type ExpectedAmi } from "../../src/verify/verify-checks.ts";

const expected: ExpectedAmi = {
  region: "eu-west-1",
  amiId: "ami-0abc",
  runId: "20261122-120000-ab12",
  jobId: "spark/eu-west-1/hvm",
  amiGroups: ["all"],
  amiUsers: ["111122223333"],
};

function image(overrides: Partial<Image> = {}): Image {
  return {
    ImageId: "ami-0abc",
    State: "available",
    Public: true,
    Tags: [
      { Key: "ami-matrix:tool", Value: "ami-matrix" },
      { Key: "ami-matrix:run", Value: "20261122-120000-ab12" },
      { Key: "ami-matrix:job", Value: "spark/eu-west-1/hvm" },
    ],
    ...overrides,
  };
}

function reasonOf(result: ReturnType<typeof checkImage>): string {
  if (result.ok) throw new Error("expected the check to fail");
  return result.reason;
}

describe("checkImage: DescribeImages' answer", () => {
  it("accepts an available AMI with this run's and this job's tags", () => {
    expect(checkImage(expected, [image()])).toEqual({ ok: true });
  });

  it("says the AMI does not exist in its region when EC2 lists nothing, or another image", () => {
    expect(reasonOf(checkImage(expected, []))).toBe("AMI ami-0abc does not exist in eu-west-1");
    expect(reasonOf(checkImage(expected, [image({ ImageId: "ami-0other" })]))).toBe(
      "AMI ami-0abc does not exist in eu-west-1",
    );
  });

  it("names the state of an AMI that is not available, with EC2's reason when it gives one", () => {
    expect(reasonOf(checkImage(expected, [image({ State: "pending" })]))).toBe(
      "AMI ami-0abc in eu-west-1 is pending, not available",
    );
    const failed = image({
      State: "failed",
      StateReason: { Code: "Server.InternalError", Message: "Internal error while imaging" },
    });
    expect(reasonOf(checkImage(expected, [failed]))).toBe(
      "AMI ami-0abc in eu-west-1 is failed, not available (Internal error while imaging)",
    );
  });

  it("refuses an AMI without this run's tag: not the AMI this run built", () => {
    const untagged = image({ Tags: [{ Key: "ami-matrix:job", Value: "spark/eu-west-1/hvm" }] });
    expect(reasonOf(checkImage(expected, [untagged]))).toBe(
      "AMI ami-0abc in eu-west-1 has no ami-matrix:run tag for run 20261122-120000-ab12: not the AMI this run built",
    );
  });

  it("refuses an AMI of another run, or of another job of this run, naming both values", () => {
    const otherRun = image({
      Tags: [
        { Key: "ami-matrix:run", Value: "20261101-090000-ff00" },
        { Key: "ami-matrix:job", Value: "spark/eu-west-1/hvm" },
      ],
    });
    expect(reasonOf(checkImage(expected, [otherRun]))).toBe(
      "AMI ami-0abc in eu-west-1 is tagged ami-matrix:run=20261101-090000-ff00, not 20261122-120000-ab12: not the AMI this run built",
    );
    const otherJob = image({
      Tags: [
        { Key: "ami-matrix:run", Value: "20261122-120000-ab12" },
        { Key: "ami-matrix:job", Value: "base/eu-west-1/hvm" },
      ],
    });
    expect(reasonOf(checkImage(expected, [otherJob]))).toContain(
      "is tagged ami-matrix:job=base/eu-west-1/hvm, not spark/eu-west-1/hvm: not the AMI this job built",
    );
  });

  it("refuses a public AMI the matrix did not ask to publish, with the command that makes it private", () => {
    const reason = reasonOf(checkImage({ ...expected, amiGroups: [] }, [image({ Public: true })]));
    expect(reason).toContain(
      `AMI ami-0abc is public in eu-west-1 although the matrix's amiGroups []`,
    );
    expect(reason).toContain(
      `aws ec2 modify-image-attribute --region eu-west-1 --image-id ami-0abc --launch-permission "Remove=[{Group=all}]"`,
    );
    expect(checkImage({ ...expected, amiGroups: [] }, [image({ Public: false })])).toEqual({
      ok: true,
    });
  });
});

describe("checkSharing: DescribeImageAttribute(launchPermission)'s answer", () => {
  const shared: LaunchPermission[] = [{ Group: "all" }, { UserId: "111122223333" }];

  it("accepts an AMI shared with every group and account the matrix asks for", () => {
    expect(checkSharing(expected, shared)).toEqual({ ok: true });
    expect(checkSharing(expected, [...shared, { UserId: "444455556666" }])).toEqual({ ok: true });
  });

  it("says an AMI the matrix wants public is not public, and how to share it", () => {
    const result = checkSharing({ ...expected, region: "sa-east-1" }, [{ UserId: "111122223333" }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(
      /^AMI ami-0abc is not public in sa-east-1 although the matrix asks for amiGroups \["all"\]; /,
    );
    expect(result.reason).toContain(`--launch-permission "Add=[{Group=all}]"`);
  });

  it("names every account the AMI is not shared with", () => {
    const result = checkSharing(
      { ...expected, amiUsers: ["111122223333", "444455556666", "777788889999"] },
      shared,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain(
      'AMI ami-0abc is not shared with accounts 444455556666, 777788889999 in eu-west-1 although the matrix asks for amiUsers ["111122223333","444455556666","777788889999"]',
    );
    expect(result.reason).toContain("{UserId=444455556666},{UserId=777788889999}");
  });

  it("asks for nothing when the matrix shares with no one", () => {
    expect(checkSharing({ ...expected, amiGroups: [], amiUsers: [] }, [])).toEqual({ ok: true });
  });
});
