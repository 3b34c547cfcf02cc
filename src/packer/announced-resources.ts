// What amazon-ebs says it is about to make or has made, read from its output as it comes, so a run
// killed a moment later still knows what to remove. Lines as Packer 1.6.6 prints them (see
// test/fixtures/packer-output/ebs-success.txt):
//   ui,say      ==> B: Creating temporary keypair: packer_…             (before CreateKeyPair)
//   ui,say      ==> B: Creating temporary security group for this instance: packer_…   (a name)
//   ui,message      B: Instance ID: i-…                                  (after RunInstances)
//   ui,say      ==> B: Waiting for instance (i-…) to become ready...
//   ui,message      B: AMI: ami-…                                        (after CreateImage)
import type { BuildEvent } from "./build-events.ts";

export interface AnnouncedResources {
  keyPair?: string;
  /** Packer announces the group's name; its id is looked up when it is removed. */
  securityGroup?: string;
  instanceId?: string;
  amiId?: string;
}

const RULES: readonly [keyof AnnouncedResources, "step" | "message", RegExp][] = [
  ["keyPair", "step", /^Creating temporary keypair: (\S+)$/],
  ["securityGroup", "step", /^Creating temporary security group for this instance: (\S+)$/],
  ["instanceId", "message", /^Instance ID: (i-[0-9a-z]+)$/],
  ["instanceId", "step", /^Waiting for instance \((i-[0-9a-z]+)\) to become ready/],
  ["amiId", "message", /^AMI: (ami-[0-9a-z]+)$/],
];

export function announcedResources(event: BuildEvent): AnnouncedResources | undefined {
  if (event.kind !== "step" && event.kind !== "message") return undefined;
  // Packer's own summary lines carry no build name; every line of interest does.
  if (event.build === undefined) return undefined;
  for (const [name, kind, pattern] of RULES) {
    if (event.kind !== kind) continue;
    const value = pattern.exec(event.text)?.[1];
    if (value) return { [name]: value };
  }
  return undefined;
}
