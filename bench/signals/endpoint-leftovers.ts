// What a try left in the endpoint, asked through ec2-local's state page: instances not terminated,
// Packer's temporary groups and keys, volumes, and the run's own AMIs (a pending one Packer left).
import { STATE_PATH } from "../../src/ec2-local/index.ts";
import type { LocalCloudReport } from "../../src/ec2-local/local-cloud.ts";

export interface Leftovers {
  instances: number;
  groups: number;
  keys: number;
  volumes: number;
  images: number;
}

export async function endpointLeftovers(
  url: string,
  runId: string | undefined,
): Promise<Leftovers> {
  const response = await fetch(new URL(STATE_PATH, url));
  const report = (await response.json()) as LocalCloudReport;
  const regions = Object.values(report.regions);
  const count = (pick: (r: (typeof regions)[number]) => unknown[]) =>
    regions.reduce((sum, region) => sum + pick(region).length, 0);
  return {
    instances: count((r) => r.instances.filter((i) => i.state !== "terminated")),
    groups: count((r) => r.securityGroups.filter((g) => g.name.startsWith("packer_"))),
    keys: count((r) => r.keyPairs),
    volumes: count((r) => r.volumes.filter((v) => v.state !== "deleting")),
    images: count((r) => r.images.filter((i) => runId !== undefined && i.name.includes(runId))),
  };
}

export function leftNothing(left: Leftovers): boolean {
  return Object.values(left).every((n) => n === 0);
}
