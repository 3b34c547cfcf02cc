// Whether the AMI Packer reported is the one this run built, finished and shared as the matrix asks,
// decided from EC2's answers alone, so every case is tested without I/O.
import type { Image, LaunchPermission } from "@aws-sdk/client-ec2";
import { TAG } from "../model/tags.ts";

export type VerifyResult =
  | { ok: true }
  | {
      ok: false;
      /** One line a person can act on. */
      reason: string;
      /** Set when EC2 could not be asked (throttling, credentials, network): the AMI may be fine. */
      cause?: unknown;
    };

export interface ExpectedAmi {
  region: string;
  amiId: string;
  runId: string;
  jobId: string;
  amiGroups: readonly string[];
  amiUsers: readonly string[];
}

const OK: VerifyResult = { ok: true };

function fail(reason: string): VerifyResult {
  return { ok: false, reason };
}

// DescribeImages' answer: the AMI exists, is available and carries this run's and this job's tags.
export function checkImage(expected: ExpectedAmi, images: readonly Image[]): VerifyResult {
  const { amiId, region, runId, jobId, amiGroups } = expected;
  const image = images.find((i) => i.ImageId === amiId);
  if (!image) return fail(`AMI ${amiId} does not exist in ${region}`);
  if (image.State !== "available") {
    const why = image.StateReason?.Message ? ` (${image.StateReason.Message})` : "";
    return fail(
      `AMI ${amiId} in ${region} is ${image.State ?? "in no known state"}, not available${why}`,
    );
  }
  const tags = new Map((image.Tags ?? []).map((t) => [t.Key, t.Value]));
  const wanted: [string, string, string][] = [
    [TAG.run, runId, "run"],
    [TAG.job, jobId, "job"],
  ];
  for (const [key, want, what] of wanted) {
    const have = tags.get(key);
    if (have === undefined)
      return fail(
        `AMI ${amiId} in ${region} has no ${key} tag for ${what} ${want}: not the AMI this ${what} built`,
      );
    if (have !== want)
      return fail(
        `AMI ${amiId} in ${region} is tagged ${key}=${have}, not ${want}: not the AMI this ${what} built`,
      );
  }
  if (image.Public === true && !amiGroups.includes("all"))
    return fail(
      `AMI ${amiId} is public in ${region} although the matrix's amiGroups ${JSON.stringify(amiGroups)} leave out "all"; make it private with \`aws ec2 modify-image-attribute --region ${region} --image-id ${amiId} --launch-permission "Remove=[{Group=all}]"\``,
    );
  return OK;
}

export function needsSharingCheck(expected: ExpectedAmi): boolean {
  return expected.amiGroups.length > 0 || expected.amiUsers.length > 0;
}

// DescribeImageAttribute(launchPermission)'s answer: every group and account the matrix asks for.
export function checkSharing(
  expected: ExpectedAmi,
  permissions: readonly LaunchPermission[],
): VerifyResult {
  const { amiId, region, amiGroups, amiUsers } = expected;
  const groups = new Set<string>(permissions.flatMap((p) => (p.Group ? [p.Group] : [])));
  const users = new Set(permissions.flatMap((p) => (p.UserId ? [p.UserId] : [])));
  const missingGroups = amiGroups.filter((g) => !groups.has(g));
  const missingUsers = amiUsers.filter((u) => !users.has(u));
  const share = (what: string) =>
    `; Packer's ModifyImageAttribute did not take: rebuild the cell, or share it with \`aws ec2 modify-image-attribute --region ${region} --image-id ${amiId} --launch-permission "Add=[${what}]"\``;
  if (missingGroups.length > 0) {
    const what = missingGroups.map((g) => `{Group=${g}}`).join(",");
    const problem = missingGroups.includes("all")
      ? "is not public"
      : `is not shared with group ${missingGroups.join(", ")}`;
    return fail(
      `AMI ${amiId} ${problem} in ${region} although the matrix asks for amiGroups ${JSON.stringify(amiGroups)}${share(what)}`,
    );
  }
  if (missingUsers.length > 0) {
    const what = missingUsers.map((u) => `{UserId=${u}}`).join(",");
    return fail(
      `AMI ${amiId} is not shared with account${missingUsers.length === 1 ? "" : "s"} ${missingUsers.join(", ")} in ${region} although the matrix asks for amiUsers ${JSON.stringify(amiUsers)}${share(what)}`,
    );
  }
  return OK;
}
