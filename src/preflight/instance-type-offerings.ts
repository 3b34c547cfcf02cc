// Which instance types each region offers, for every type a cell may launch (its instanceType and its
// Spot alternatives): a missing one stops the run, naming the region and what to do; a missing Spot
// alternative is only a warning.
import { type EC2Client, paginateDescribeInstanceTypeOfferings } from "@aws-sdk/client-ec2";
import type { Job } from "../model/job.ts";

export async function offeredTypes(client: EC2Client, jobs: readonly Job[]): Promise<Set<string>> {
  const types = [
    ...new Set(jobs.flatMap((job) => [job.instanceType, ...(job.spot?.instanceTypes ?? [])])),
  ];
  const offered = new Set<string>();
  const pages = paginateDescribeInstanceTypeOfferings(
    { client },
    { LocationType: "region", Filters: [{ Name: "instance-type", Values: types }] },
  );
  for await (const page of pages)
    for (const offering of page.InstanceTypeOfferings ?? [])
      if (offering.InstanceType) offered.add(offering.InstanceType);
  return offered;
}

export function notOffered({
  region,
  jobs,
  offered,
}: {
  region: string;
  jobs: readonly Job[];
  offered: ReadonlySet<string>;
}): string[] {
  const missing = [...new Set(jobs.map((job) => job.instanceType))].filter((t) => !offered.has(t));
  return missing.map((type) => {
    const ids = jobs.filter((job) => job.instanceType === type).map((job) => job.id);
    const pv = jobs.some((job) => job.instanceType === type && job.virtualization === "pv");
    return `${region}: instance type ${type} is not offered there (jobs ${ids.join(", ")}); set another instanceType for region.${region} in the matrix${pv ? " (PV needs a previous-generation type such as m3.medium, c3.large or m1.small)" : ""}${isAccelerated(type) ? " (GPU types are offered in fewer regions than others, each family in its own; g4dn is the most widely offered)" : ""}; \`aws ec2 describe-instance-type-offerings --region ${region} --filters Name=instance-type,Values=${type.split(".")[0]}.*\` lists what the region offers`;
  });
}

// A Spot request's other types are alternatives: one the region lacks is skipped, not fatal.
export function spotTypesNotOffered({
  region,
  jobs,
  offered,
}: {
  region: string;
  jobs: readonly Job[];
  offered: ReadonlySet<string>;
}): string[] {
  const missing = new Map<string, string[]>();
  for (const job of jobs)
    for (const type of job.spot?.instanceTypes ?? [])
      if (!offered.has(type) && type !== job.instanceType)
        missing.set(type, [...(missing.get(type) ?? []), job.id]);
  return [...missing].map(
    ([type, ids]) =>
      `${region}: Spot instance type ${type} is not offered there (jobs ${ids.join(", ")}); their Spot requests can only use the other types`,
  );
}

/** GPU, inference and training families (g4dn, p5, inf2, trn1…). */
function isAccelerated(type: string): boolean {
  return /^(g\d|p\d|inf\d|trn\d|dl\d)/.test(type);
}
