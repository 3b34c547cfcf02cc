// What amazon-ebs announces it makes, read from real Packer 1.6.6 output: a killed run still knows it.
import { describe, expect, it } from "vitest";
import {
  type AnnouncedResources,
  announcedResources,
} from "../../src/packer/announced-resources.ts";
import { recordedEvents } from "./support/recordings.ts";

function announced(recording: string): AnnouncedResources {
  return Object.assign({}, ...recordedEvents(recording).map((e) => announcedResources(e) ?? {}));
}

describe("announcedResources", () => {
  it("finds the key pair, the security group, the instance and the AMI of a whole build", () => {
    expect(announced("ebs-success")).toEqual({
      keyPair: "packer_6b0361aa-8dfe-ad68-bd11-d1e4818a8384",
      securityGroup: "packer_6b0361aa-a219-b848-2794-8b99e6a7299e",
      instanceId: "i-00000000000abc008",
      amiId: "ami-00000000000abc00e",
    });
  });

  it("finds what a build cancelled while its instance started had made, and no AMI", () => {
    expect(announced("ebs-interrupted")).toEqual({
      keyPair: "packer_6b0361ba-2a43-3d64-d625-992446fa1c14",
      securityGroup: "packer_6b0361ba-39dc-4956-313e-d73ffa36d430",
      instanceId: "i-00000000000abc008",
    });
  });

  it("finds nothing in a build that failed before it made anything", () => {
    expect(announced("ebs-source-ami-not-found")).toEqual({});
    expect(announced("hcl-syntax-error")).toEqual({});
  });

  it("does not take Packer's own summary lines or another step's text for a resource", () => {
    expect(announcedResources({ kind: "message", text: "AMI: ami-0123" })).toBeUndefined();
    expect(
      announcedResources({ kind: "step", build: "b", text: "Creating AMI x from instance i-1" }),
    ).toBeUndefined();
  });
});
