// User data arrives base64-encoded; EC2 refuses what is not base64 and what decodes to over 16 KB.
import { invalidParameterValue } from "./ec2-error.ts";

const LIMIT_BYTES = 16 * 1024;

export function checkUserData(base64: string): void {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0)
    throw invalidParameterValue("Invalid BASE64 encoding of user data.");
  const bytes = Buffer.from(base64, "base64").length;
  if (bytes > LIMIT_BYTES)
    throw invalidParameterValue(`User data is limited to ${LIMIT_BYTES} bytes (got ${bytes}).`);
}

/** The user data as text, for tests and the state endpoint. */
export function decodeUserData(base64: string | undefined): string | undefined {
  return base64 === undefined ? undefined : Buffer.from(base64, "base64").toString("utf8");
}
