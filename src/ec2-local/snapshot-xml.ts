// The `snapshotSet/item` shape, also the body of CreateSnapshot's answer.
import type { Snapshot } from "./model.ts";
import { tagSetXml } from "./tag-helpers.ts";
import type { XmlFields } from "./xml.ts";

export function snapshotXml(snapshot: Snapshot): XmlFields {
  return {
    snapshotId: snapshot.id,
    volumeId: snapshot.volumeId,
    status: snapshot.state,
    startTime: snapshot.startTime,
    progress: snapshot.state === "pending" ? "0%" : "100%",
    ownerId: snapshot.ownerId,
    ownerAlias: snapshot.ownerAlias,
    volumeSize: snapshot.volumeSize,
    description: snapshot.description,
    encrypted: false,
    storageTier: "standard",
    tagSet: snapshot.tags.size > 0 ? tagSetXml(snapshot.tags) : undefined,
  };
}
