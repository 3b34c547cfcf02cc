// The real AWS SDK pointed at an ec2-local server, signed for one region with throwaway credentials.
import { EC2Client } from "@aws-sdk/client-ec2";
import type { Ec2Local } from "../../../src/ec2-local/index.ts";

export function ec2ClientFor(ec2: Ec2Local, region = "us-east-1"): EC2Client {
  return new EC2Client({
    endpoint: ec2.url,
    region,
    credentials: { accessKeyId: "AKIDEC2LOCALTEST", secretAccessKey: "not-a-secret" },
    maxAttempts: 1,
  });
}

/** The rejection of a promise, failing the test if it resolved. */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
