// Security groups can only go once their instances are terminated; EC2 takes a while to get there.
import { DescribeInstancesCommand, type EC2Client } from "@aws-sdk/client-ec2";

const MAX_WAIT_MS = 10 * 60_000;

export async function waitForInstancesTerminated({
  client,
  ids,
  pollDelayMs,
}: {
  client: EC2Client;
  ids: string[];
  pollDelayMs: number;
}): Promise<void> {
  const deadline = Date.now() + MAX_WAIT_MS;
  for (;;) {
    const result = await client.send(new DescribeInstancesCommand({ InstanceIds: ids }));
    const states = (result.Reservations ?? []).flatMap((r) =>
      (r.Instances ?? []).map((i) => i.State?.Name),
    );
    if (states.every((state) => state === "terminated")) return;
    if (Date.now() > deadline)
      throw new Error(
        `instances ${ids.join(", ")} still not terminated after ${MAX_WAIT_MS / 60_000} minutes`,
      );
    await new Promise((resolve) => setTimeout(resolve, Math.max(pollDelayMs, 50)));
  }
}
