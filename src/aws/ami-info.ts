// The planners decide from plain data, so they are tested without EC2: an AMI as they need to see it.
import type { Image, Tag } from "@aws-sdk/client-ec2";
import { TAG, TOOL_NAME } from "../model/tags.ts";

export interface AmiInfo {
  id: string;
  name: string;
  /** EC2's state: pending, available, failed... */
  state: string;
  /** ISO 8601, as EC2 gives it. */
  creationDate: string;
  snapshotIds: string[];
  tags: Record<string, string>;
}

export function toAmiInfo(image: Image): AmiInfo {
  return {
    id: image.ImageId ?? "",
    name: image.Name ?? "",
    state: image.State ?? "",
    creationDate: image.CreationDate ?? "",
    snapshotIds: (image.BlockDeviceMappings ?? []).flatMap((m) =>
      m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : [],
    ),
    tags: tagRecord(image.Tags),
  };
}

export function tagRecord(tags: readonly Tag[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).flatMap((t) => (t.Key ? [[t.Key, t.Value ?? ""]] : [])));
}

/** Carries `ami-matrix:tool=ami-matrix`: this tool made it. */
export function isToolTagged(resource: { tags: Record<string, string> }): boolean {
  return resource.tags[TAG.tool] === TOOL_NAME;
}
