// Instance families AWS does not offer in some of the regions ec2-local serves, so a rehearsal meets
// what DescribeInstanceTypeOfferings and RunInstances say there on AWS. Not every gap AWS has: the ones
// the example matrices' GPU types run into (g4dn is offered in every region served; g5 is not in
// N. California).
import { familyOf } from "./instance-catalogue.ts";

const GAPS: readonly { families: readonly string[]; regions: readonly string[] }[] = [
  { families: ["g5"], regions: ["us-west-1"] },
];

export function offeredByAws(instanceType: string, region: string): boolean {
  const family = familyOf(instanceType);
  return !GAPS.some((gap) => gap.families.includes(family) && gap.regions.includes(region));
}
