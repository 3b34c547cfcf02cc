// An SDK error a person can act on: what EC2 refused, where, and what to do about it, in one line.

export interface AwsCallContext {
  /** The EC2 action, e.g. DescribeImages. */
  action: string;
  region: string;
}

const THROTTLING = new Set(["RequestLimitExceeded", "Throttling", "ThrottlingException"]);
const UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT"]);

type Advice = (context: AwsCallContext & { message: string }) => string;

const CREDENTIALS: Record<string, Advice> = {
  CredentialsProviderError: ({ action, region }) =>
    `No AWS credentials for ${action} in ${region}: set AWS_PROFILE (and run \`aws sso login\` if it uses SSO), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an instance or container role applies`,
  AuthFailure: ({ action, region, message }) =>
    `AWS did not accept the credentials for ${action} in ${region} (${message}): check that the keys are current, that the region is enabled for the account, and that this machine's clock is right`,
  InvalidClientTokenId: ({ action, region }) =>
    `AWS does not know the access key used for ${action} in ${region}: check AWS_ACCESS_KEY_ID or the profile's keys`,
  UnauthorizedOperation: ({ action, region }) =>
    `The AWS identity may not call ec2:${action} in ${region}: attach the IAM policy that \`npx tsx build-amis.ts policy\` prints`,
  ExpiredToken: ({ action, region }) =>
    `The AWS session expired before ${action} in ${region}: log in again (\`aws sso login\`) or refresh AWS_SESSION_TOKEN`,
};

// Throttling that outlasted the SDK's retries, missing or refused credentials, or `<Code>: <message>`.
export function describeAwsError(error: unknown, { action, region }: AwsCallContext): string {
  const code = codeOf(error);
  const message = oneLine(messageOf(error));
  if (THROTTLING.has(code)) {
    const attempts = attemptsOf(error);
    const after = attempts === undefined ? "after the SDK's retries" : `after ${attempts} attempts`;
    return `EC2 kept throttling ${action} in ${region} ${after}; lower --region-concurrency or try again later`;
  }
  const advice = CREDENTIALS[code];
  if (advice) return advice({ action, region, message });
  if (UNREACHABLE.has(code))
    return `Could not reach EC2 for ${action} in ${region} (${message}): check the network, or the --ec2-endpoint URL`;
  return message && message !== code ? `${code}: ${message}` : code;
}

const NOT_IMPLEMENTED = new Set(["InvalidAction", "UnknownOperation", "NotImplemented"]);

/** An EC2-compatible endpoint (an emulator) that does not implement the action at all. */
export function isNotImplemented(error: unknown): boolean {
  const code = codeOf(error);
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata
    ?.httpStatusCode;
  return NOT_IMPLEMENTED.has(code) || status === 501;
}

/** True for what the SDK throws: service errors, and network or credential failures it retried. */
export function isAwsError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    ("$metadata" in error || "$fault" in error || error.name === "CredentialsProviderError")
  );
}

function codeOf(error: unknown): string {
  if (typeof error !== "object" || error === null) return "Error";
  const { Code, code, name } = error as { Code?: unknown; code?: unknown; name?: unknown };
  for (const candidate of [Code, name === "Error" ? undefined : name, code, name]) {
    if (typeof candidate === "string" && candidate !== "") return candidate;
  }
  return "Error";
}

function messageOf(error: unknown): string {
  if (typeof error !== "object" || error === null) return String(error);
  const { message } = error as { message?: unknown };
  return typeof message === "string" ? message : "";
}

function attemptsOf(error: unknown): number | undefined {
  const attempts = (error as { $metadata?: { attempts?: unknown } } | null)?.$metadata?.attempts;
  return typeof attempts === "number" ? attempts : undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
