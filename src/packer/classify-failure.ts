// Decides whether a failed build is worth retrying. Rules are data so a new AWS error code is a one-line
// change with a test beside it.

export type FailureKind = "transient" | "permanent";

export interface FailureRule {
  name: string;
  kind: FailureKind;
  pattern: RegExp;
}

export interface FailureClassification {
  kind: FailureKind;
  /** The rule that matched, or `unclassified`. */
  rule: string;
  /**
   * The reason to show: the error message the rule matched, or the first one when none did, unless
   * that is a shell trace or Packer's boilerplate; then the first message that is neither.
   */
  message: string;
}

// Not a reason: `set -x` traces of a provisioning script (`+ sudo yum clean all`), and Packer's lines
// about the run rather than the failure.
const NOT_A_REASON = [
  /^\++ /,
  /^Cancelling build after receiving interrupt/,
  /^Builds finished but no artifacts were created/,
  /^Some builds didn't complete successfully/,
];

export function isReason(message: string): boolean {
  const text = message.trim();
  return text !== "" && !NOT_A_REASON.some((noise) => noise.test(text));
}

/**
 * Checked in order, and every permanent rule comes first: an error that names a permanent cause (an
 * auth failure, a bad parameter) stays permanent even if it also mentions a timeout or a status code,
 * because retrying cannot fix it and only burns time and API quota.
 */
export const FAILURE_RULES: readonly FailureRule[] = [
  {
    name: "template-error",
    kind: "permanent",
    pattern:
      /\bon \S+ line \d+:|Argument or block definition required|Unsupported (argument|attribute|block type)|Failed preparing|Failed to parse template|Missing required argument/,
  },
  {
    name: "variable-error",
    kind: "permanent",
    pattern: /Unset variable|Undefined -var variable|Undefined variable|Invalid value for variable/,
  },
  {
    name: "auth",
    kind: "permanent",
    pattern:
      /AuthFailure|UnauthorizedOperation|InvalidClientTokenId|SignatureDoesNotMatch|InvalidAccessKeyId|ExpiredToken|AccessDenied|NoCredentialProviders|no valid credential sources/,
  },
  {
    name: "invalid-parameter",
    kind: "permanent",
    pattern:
      /InvalidParameterValue|InvalidParameterCombination|InvalidParameter\b|MissingParameter/,
  },
  {
    name: "source-ami-missing",
    kind: "permanent",
    pattern: /InvalidAMIID\.\w+|No AMI was found matching filters/,
  },
  { name: "ami-name-taken", kind: "permanent", pattern: /is used by an existing AMI/ },
  {
    // An encrypted snapshot whose KMS key the copy or the volume cannot use: a key in the wrong region,
    // disabled, or not shared. Retrying does not change the key's policy.
    name: "encryption-key",
    kind: "permanent",
    pattern: /\bKMS\b|InvalidKMSKey|KMSKey\w*|kms:\w+/,
  },
  {
    name: "throttling",
    kind: "transient",
    pattern: /RequestLimitExceeded|Throttling|Rate exceeded|TooManyRequests/,
  },
  {
    name: "capacity",
    kind: "transient",
    pattern: /InsufficientInstanceCapacity|InsufficientCapacity|InsufficientHostCapacity/,
  },
  {
    // A Spot fleet's errorSet: Packer prints EC2's message alone, without its code.
    name: "spot-capacity",
    kind: "transient",
    pattern: /There is no Spot capacity available/,
  },
  {
    name: "not-ready",
    kind: "transient",
    pattern: /ResourceNotReady|exceeded wait attempts|IncorrectInstanceState/,
  },
  {
    name: "communicator-timeout",
    kind: "transient",
    pattern: /Timeout waiting for (SSH|WinRM)|ssh: handshake failed/,
  },
  {
    name: "timeout",
    kind: "transient",
    pattern: /\btimed? ?out\b|deadline exceeded/i,
  },
  {
    name: "connection",
    kind: "transient",
    pattern: /connection (reset|refused)|broken pipe|send request failed|unexpected EOF/i,
  },
  {
    name: "server-error",
    kind: "transient",
    pattern: /InternalError|InternalFailure|ServiceUnavailable|\bUnavailable\b|status code: 5\d\d/,
  },
];

// Looks at every message Packer printed, so a rule can match the detailed line even when the first
// message is a generic "Build 'x' errored".
export function classifyFailure(
  errorMessages: readonly string[],
  rules: readonly FailureRule[] = FAILURE_RULES,
): FailureClassification {
  const reason = errorMessages.find(isReason);
  for (const rule of rules) {
    const message = errorMessages.find((text) => rule.pattern.test(text));
    if (message !== undefined)
      return {
        kind: rule.kind,
        rule: rule.name,
        message: isReason(message) ? message : (reason ?? message),
      };
  }
  return {
    kind: "permanent",
    rule: "unclassified",
    message: reason ?? errorMessages[0] ?? "Packer failed without printing an error",
  };
}
