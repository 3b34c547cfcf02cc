// One copy of an AMI into another region through the SDK (the copy strategy): CopyImage signed for the
// destination, with the run's tags on the new AMI and its snapshots (CopyImage does not carry them
// over), waited for until available, then shared as the matrix asks (nor does it carry launch
// permissions, hashicorp/packer#1946). A copy that is stopped or fails is deregistered, its snapshots
// with it, so nothing of it is left.
import {
  CopyImageCommand,
  DescribeImagesCommand,
  type EC2Client,
  type Image,
  ModifyImageAttributeCommand,
  type Tag,
} from "@aws-sdk/client-ec2";
import { createActionLog, describeDone, describeFailure } from "../removal/action-log.ts";
import { removeImage } from "../removal/remove-image.ts";

export interface CopyRequest {
  client: EC2Client;
  sourceRegion: string;
  sourceImageId: string;
  /** The attempt's AMI name; also the copy's idempotency token, so a retried call makes one copy. */
  name: string;
  description: string;
  tags: Record<string, string>;
  amiGroups: readonly string[];
  amiUsers: readonly string[];
  pollDelayMs: number;
  signal: AbortSignal;
  onStep: (text: string) => void;
  /** Told the new AMI's id as soon as EC2 gives it, for the run record. */
  onMade: (amiId: string) => void;
}

export type CopyResult =
  | { status: "copied"; amiId: string }
  | { status: "failed"; error: unknown; amiId?: string; removed: string[] }
  | { status: "interrupted"; amiId?: string; removed: string[] };

export async function copyImage(request: CopyRequest): Promise<CopyResult> {
  const { client, signal, onStep } = request;
  let amiId: string | undefined;
  try {
    onStep(`Copying AMI ${request.sourceImageId} from ${request.sourceRegion}`);
    const tagList: Tag[] = Object.entries(request.tags).map(([Key, Value]) => ({ Key, Value }));
    const copied = await client.send(
      new CopyImageCommand({
        SourceRegion: request.sourceRegion,
        SourceImageId: request.sourceImageId,
        Name: request.name,
        Description: request.description,
        ClientToken: request.name.slice(-64),
        TagSpecifications: [
          { ResourceType: "image", Tags: tagList },
          { ResourceType: "snapshot", Tags: tagList },
        ],
      }),
    );
    amiId = copied.ImageId;
    if (!amiId) throw new Error("CopyImage answered without an ImageId");
    request.onMade(amiId);
    onStep(`Waiting for the copy ${amiId} to become available`);
    const image = await waitAvailable({ client, amiId, pollDelayMs: request.pollDelayMs, signal });
    if (!image) return { status: "interrupted", amiId, removed: await remove(client, amiId) };
    await share(request, amiId);
    return { status: "copied", amiId };
  } catch (error) {
    return {
      status: "failed",
      error,
      ...(amiId ? { amiId } : {}),
      removed: amiId ? await remove(client, amiId) : [],
    };
  }
}

// Polls until available; undefined when interrupted. A copy EC2 marks failed is an error with its reason.
async function waitAvailable({
  client,
  amiId,
  pollDelayMs,
  signal,
}: {
  client: EC2Client;
  amiId: string;
  pollDelayMs: number;
  signal: AbortSignal;
}): Promise<Image | undefined> {
  for (;;) {
    if (signal.aborted) return undefined;
    const { Images = [] } = await client.send(new DescribeImagesCommand({ ImageIds: [amiId] }));
    const image = Images[0];
    if (image?.State === "available") return image;
    if (image?.State === "failed" || image?.State === "error" || image?.State === "invalid")
      throw new Error(`the copy ${amiId} ended ${image.State}: ${stateReason(image)}`);
    await pause(Math.max(pollDelayMs, 50), signal);
  }
}

// EC2's code says what went wrong (a KMS key in the wrong state, an internal error); the message, why.
function stateReason(image: Image): string {
  const { Code, Message } = image.StateReason ?? {};
  return [Code, Message].filter(Boolean).join(": ") || "no reason given";
}

async function share(request: CopyRequest, amiId: string): Promise<void> {
  const add = [
    ...request.amiGroups.map((Group) => ({ Group: Group as "all" })),
    ...request.amiUsers.map((UserId) => ({ UserId })),
  ];
  if (add.length === 0) return;
  request.onStep(`Sharing ${amiId} as the matrix asks`);
  await request.client.send(
    new ModifyImageAttributeCommand({ ImageId: amiId, LaunchPermission: { Add: add } }),
  );
}

// What was removed, as lines for the summary; a removal that failed is said too.
async function remove(client: EC2Client, amiId: string): Promise<string[]> {
  const { Images = [] } = await client
    .send(new DescribeImagesCommand({ ImageIds: [amiId] }))
    .catch(() => ({ Images: [] as Image[] }));
  const snapshotIds = (Images[0]?.BlockDeviceMappings ?? []).flatMap((m) =>
    m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : [],
  );
  const log = createActionLog();
  await removeImage({ client, image: { id: amiId, snapshotIds }, log, kind: "unfinished copy" });
  return log.outcomes.map((o) => (o.error === undefined ? describeDone(o) : describeFailure(o)));
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
