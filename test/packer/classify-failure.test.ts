import { describe, expect, it } from "vitest";
import { classifyFailure, FAILURE_RULES } from "../../src/packer/classify-failure.ts";
import { recordedResult } from "./support/recordings.ts";

// Each recording is real Packer 1.6.6 output (see test/fixtures/packer-output/record.ts).
const expectations: Array<[recording: string, kind: "transient" | "permanent", rule: string]> = [
  ["ebs-request-limit-exceeded", "transient", "throttling"],
  ["ebs-insufficient-capacity", "transient", "capacity"],
  ["ebs-spot-no-capacity", "transient", "spot-capacity"],
  ["ebs-instance-not-ready", "transient", "not-ready"],
  ["ebs-ssh-timeout", "transient", "communicator-timeout"],
  ["provisioner-timeout", "transient", "timeout"],
  ["ebs-connection-refused", "transient", "connection"],
  ["ebs-connection-reset", "transient", "connection"],
  ["ebs-internal-error", "transient", "server-error"],
  ["ebs-service-unavailable", "transient", "server-error"],
  ["hcl-syntax-error", "permanent", "template-error"],
  ["unknown-variable-reference", "permanent", "template-error"],
  ["unset-variable", "permanent", "variable-error"],
  ["undeclared-cli-variable", "permanent", "variable-error"],
  ["ebs-auth-failure", "permanent", "auth"],
  ["ebs-unauthorized-operation", "permanent", "auth"],
  ["ebs-invalid-client-token", "permanent", "auth"],
  ["ebs-signature-mismatch", "permanent", "auth"],
  ["ebs-no-credentials", "permanent", "auth"],
  ["ebs-invalid-parameter-value", "permanent", "invalid-parameter"],
  ["ebs-invalid-parameter-combination", "permanent", "invalid-parameter"],
  ["ebs-source-ami-not-found", "permanent", "source-ami-missing"],
  ["ebs-no-ami-matching-filters", "permanent", "source-ami-missing"],
  ["ebs-ami-name-taken", "permanent", "ami-name-taken"],
];

describe("classifyFailure on real Packer failures", () => {
  it.each(expectations)("%s is %s (%s)", (recording, kind, rule) => {
    const { exitCode, errors } = recordedResult(recording);
    expect(exitCode).toBe(1);
    expect(classifyFailure(errors)).toMatchObject({ kind, rule });
  });

  it("has a real failure for every rule", () => {
    // Seen through the SDK (a copy's failed state), not in a recording of Packer: tested below.
    const sdkOnly = ["encryption-key"];
    const tested = new Set([...expectations.map(([, , rule]) => rule), ...sdkOnly]);
    expect(FAILURE_RULES.map((r) => r.name).filter((name) => !tested.has(name))).toEqual([]);
  });

  it("gives a failed script Packer's reason, not the first line the script traced with set -x", () => {
    const { errors } = recordedResult("ebs-script-fails");
    expect(errors[0]).toBe(
      "Script exited with non-zero exit status: 1.Allowed exit codes are: [0]",
    );
    expect(classifyFailure(errors)).toEqual({
      kind: "permanent",
      rule: "unclassified",
      message: "Script exited with non-zero exit status: 1.Allowed exit codes are: [0]",
    });
  });

  it("classifies by a traced command as before, but shows a reason instead of the trace", () => {
    const errors = ["+ timeout 30 yum makecache", "Script exited with non-zero exit status: 124."];
    expect(classifyFailure(errors)).toEqual({
      kind: "transient",
      rule: "timeout",
      message: "Script exited with non-zero exit status: 124.",
    });
  });

  it("returns the message that matched, without Packer's repeats", () => {
    const { errors } = recordedResult("ebs-request-limit-exceeded");
    expect(classifyFailure(errors).message).toMatch(
      /^Error launching source instance: RequestLimitExceeded: Request limit exceeded\.\n\tstatus code: 400/,
    );
  });
});

describe("classifyFailure precedence", () => {
  it("keeps a permanent cause permanent when a transient one is also reported", () => {
    const throttled = recordedResult("ebs-request-limit-exceeded").errors;
    const unauthorized = recordedResult("ebs-unauthorized-operation").errors;
    expect(classifyFailure([...throttled, ...unauthorized])).toMatchObject({
      kind: "permanent",
      rule: "auth",
    });
  });

  it("does not retry an auth error because its line also carries a status code", () => {
    expect(
      classifyFailure([
        "AuthFailure: AWS was not able to validate\n\tstatus code: 503, request id: x",
      ]),
    ).toMatchObject({ kind: "permanent", rule: "auth" });
  });
});

describe("classifyFailure without a known cause", () => {
  it("treats an unknown error as permanent and keeps the first message", () => {
    expect(classifyFailure(["Error executing script: /tmp/packer-shell1", "later"])).toEqual({
      kind: "permanent",
      rule: "unclassified",
      message: "Error executing script: /tmp/packer-shell1",
    });
  });

  it("says so when Packer printed no error at all", () => {
    expect(classifyFailure([])).toEqual({
      kind: "permanent",
      rule: "unclassified",
      message: "Packer failed without printing an error",
    });
  });
});

describe("classifyFailure of a copy", () => {
  it("a copy that EC2 failed for its snapshot's KMS key is permanent: retrying does not change the key", () => {
    const message =
      "the copy ami-0123456789abcdef0 ended failed: Client.InvalidKMSKey.InvalidState: The KMS key provided is in an incorrect state";
    expect(classifyFailure([message])).toMatchObject({ kind: "permanent", rule: "encryption-key" });
  });

  it("a copy that EC2 failed for an internal error is retried", () => {
    const message =
      "the copy ami-0123456789abcdef0 ended failed: Server.InternalError: Internal error";
    expect(classifyFailure([message])).toMatchObject({ kind: "transient", rule: "server-error" });
  });
});
