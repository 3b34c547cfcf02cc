import { describe, expect, it } from "vitest";
import { amisFromArtifactId } from "../../src/packer/build-events.ts";
import { recordedEvents } from "./support/recordings.ts";

describe("build events from a real amazon-ebs build", () => {
  const events = recordedEvents("ebs-success");

  it("reports steps without Packer's `==> build: ` prefix", () => {
    const steps = events.filter((e) => e.kind === "step").map((e) => e.text);
    expect(steps).toContain("Launching a source AWS instance...");
    expect(steps.at(-1)).toBe("Deleting temporary keypair...");
    expect(events).toContainEqual({
      kind: "step",
      build: "amazon-ebs.main",
      text: "Waiting for AMI to become ready...",
    });
  });

  it("reports details and Packer's summary lines as messages, never as steps", () => {
    expect(events).toContainEqual({
      kind: "message",
      build: "amazon-ebs.main",
      text: "Found Image ID: ami-0123456789abcdef0",
    });
    expect(events).toContainEqual({
      kind: "message",
      text: "Builds finished. The artifacts of successful builds are:",
    });
  });

  it("pairs the artifact id with its builder id", () => {
    expect(events.filter((e) => e.kind === "artifact")).toEqual([
      {
        kind: "artifact",
        build: "amazon-ebs.main",
        builderId: "mitchellh.amazonebs",
        id: "eu-west-1:ami-00000000000abc012,us-east-1:ami-00000000000abc00e",
      },
    ]);
  });
});

describe("build events from a real failed build", () => {
  const events = recordedEvents("ebs-insufficient-capacity");

  it("reports the error record with its build and the error count", () => {
    expect(events).toContainEqual({
      kind: "error",
      target: "amazon-ebs.main",
      message: expect.stringMatching(
        /^Error launching source instance: InsufficientInstanceCapacity: .*\n\tstatus code: 400, request id: /,
      ),
    });
    expect(events).toContainEqual({ kind: "error-count", count: 1 });
  });

  it("strips the build prefix from every line of a ui error", () => {
    const first = events.find((e) => e.kind === "ui-error");
    expect(first).toEqual({
      kind: "ui-error",
      text: expect.stringMatching(
        /^Error launching source instance: InsufficientInstanceCapacity: [^\n]*\n\tstatus code: 400, /,
      ),
    });
  });
});

describe("amisFromArtifactId", () => {
  it("maps each region to its AMI", () => {
    expect(amisFromArtifactId("eu-west-1:ami-0c47a1,us-east-1:ami-01739f")).toEqual({
      "eu-west-1": "ami-0c47a1",
      "us-east-1": "ami-01739f",
    });
  });

  it("finds no AMIs in artifacts of other builders", () => {
    expect(amisFromArtifactId("Null")).toEqual({});
    expect(amisFromArtifactId("File")).toEqual({});
    expect(amisFromArtifactId("")).toEqual({});
  });
});
