// The regions ec2-local serves: the eight the Spark matrix has always targeted, and Seoul, where the GPU
// batch image is built; importable by tests and tools.

export const COMMERCIAL_REGIONS = [
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "eu-west-1",
  "sa-east-1",
  "us-east-1",
  "us-west-1",
  "us-west-2",
] as const;

export type CommercialRegion = (typeof COMMERCIAL_REGIONS)[number];

// Zone letters as they really are for an old account (us-west-1 has only two usable zones).
const ZONE_LETTERS: Record<string, readonly string[]> = {
  "ap-northeast-1": ["a", "c", "d"],
  "ap-northeast-2": ["a", "b", "c", "d"],
  "sa-east-1": ["a", "b", "c"],
  "us-west-1": ["a", "c"],
};

const ZONE_ID_PREFIX: Record<string, string> = {
  "ap-northeast-1": "apne1",
  "ap-northeast-2": "apne2",
  "ap-southeast-1": "apse1",
  "ap-southeast-2": "apse2",
  "eu-west-1": "euw1",
  "sa-east-1": "sae1",
  "us-east-1": "use1",
  "us-west-1": "usw1",
  "us-west-2": "usw2",
};

export interface AvailabilityZone {
  zoneName: string;
  zoneId: string;
  region: string;
}

export function availabilityZonesOf(region: string): AvailabilityZone[] {
  const letters = ZONE_LETTERS[region] ?? ["a", "b", "c"];
  const prefix = ZONE_ID_PREFIX[region] ?? region.replaceAll("-", "");
  return letters.map((letter, index) => ({
    zoneName: `${region}${letter}`,
    zoneId: `${prefix}-az${index + 1}`,
    region,
  }));
}

export function regionEndpoint(region: string): string {
  return `ec2.${region}.amazonaws.com`;
}

/** The suffix of private DNS names: us-east-1 kept its historic `ec2.internal`. */
export function internalDomain(region: string): string {
  return region === "us-east-1" ? "ec2.internal" : `${region}.compute.internal`;
}
