// Before a cell is written: ask EC2 whether the AMI Packer reported is really there, finished, this
// run's and shared as the matrix asks. EC2 is eventually consistent (tags and launch permissions can
// show a moment late), so a negative answer is looked at again before it counts.
import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  type EC2Client,
  type Image,
} from "@aws-sdk/client-ec2";
import { describeAwsError, isAwsError } from "../aws/describe-aws-error.ts";
import {
  checkImage,
  checkSharing,
  type ExpectedAmi,
  needsSharingCheck,
  type VerifyResult,
} from "./verify-checks.ts";

export type { VerifyResult } from "./verify-checks.ts";

export interface Recheck {
  /** Looks in all, the first included. */
  looks: number;
  delayMs: number;
}

export const DEFAULT_RECHECK: Recheck = { looks: 3, delayMs: 2_000 };

const NOT_FOUND = new Set(["InvalidAMIID.NotFound", "InvalidAMIID.Unavailable"]);

// Only a refusal from EC2's own answers is looked at again; EC2 not answering is reported at once.
export async function verifyAmi({
  client,
  recheck = DEFAULT_RECHECK,
  ...expected
}: ExpectedAmi & { client: EC2Client; recheck?: Recheck }): Promise<VerifyResult> {
  for (let look = 1; ; look++) {
    const result = await lookOnce(client, expected);
    if (result.ok || result.cause !== undefined || look >= recheck.looks) return result;
    await new Promise((resolve) => setTimeout(resolve, recheck.delayMs));
  }
}

async function lookOnce(client: EC2Client, expected: ExpectedAmi): Promise<VerifyResult> {
  const { amiId } = expected;
  let images: Image[];
  try {
    images = (await client.send(new DescribeImagesCommand({ ImageIds: [amiId] }))).Images ?? [];
  } catch (error) {
    if (!(isAwsError(error) && NOT_FOUND.has(error.name)))
      return couldNotAsk(error, { action: "DescribeImages", expected });
    images = [];
  }
  const image = checkImage(expected, images);
  if (!image.ok || !needsSharingCheck(expected)) return image;
  try {
    const attribute = await client.send(
      new DescribeImageAttributeCommand({ ImageId: amiId, Attribute: "launchPermission" }),
    );
    return checkSharing(expected, attribute.LaunchPermissions ?? []);
  } catch (error) {
    return couldNotAsk(error, { action: "DescribeImageAttribute", expected });
  }
}

// EC2 did not answer: the AMI is unverified, not known bad. Anything but an SDK error is our bug.
function couldNotAsk(
  error: unknown,
  { action, expected }: { action: string; expected: ExpectedAmi },
): VerifyResult {
  if (!isAwsError(error)) throw error;
  const detail = describeAwsError(error, { action, region: expected.region });
  return {
    ok: false,
    reason: `Could not verify AMI ${expected.amiId} in ${expected.region}: ${detail}`,
    cause: error,
  };
}
