// What prune reads in one region: every AMI the account owns (to know which snapshots are still in
// use) and the snapshots ami-matrix tagged (to find those whose AMI is gone).
import type { EC2Client } from "@aws-sdk/client-ec2";
import { type AmiInfo, tagRecord, toAmiInfo } from "../aws/ami-info.ts";
import { describeOwnImages, describeOwnSnapshots } from "../aws/describe-all.ts";
import { TAG, TOOL_NAME } from "../model/tags.ts";
import type { SnapshotInfo } from "./prune-orphans.ts";

export async function readPruneInventory(
  client: EC2Client,
): Promise<{ images: AmiInfo[]; snapshots: SnapshotInfo[] }> {
  const [images, snapshots] = await Promise.all([
    describeOwnImages(client, []),
    describeOwnSnapshots(client, [{ Name: `tag:${TAG.tool}`, Values: [TOOL_NAME] }]),
  ]);
  return {
    images: images.map(toAmiInfo),
    snapshots: snapshots.flatMap((s) =>
      s.SnapshotId ? [{ id: s.SnapshotId, tags: tagRecord(s.Tags) }] : [],
    ),
  };
}
