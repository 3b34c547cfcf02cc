// Pure: what a plan is expected to cost: each build's instance time at its on-demand price, each copy's
// transfer, and the monthly storage of the snapshots the new AMIs keep. Estimates, from a price table
// with its date and durations from the last reports where there are some.
import {
  HOURLY_BY_REGION,
  HOURLY_US_EAST_1,
  INTER_REGION_GB,
  PRICES_AS_OF,
  REGION_FACTOR,
  SNAPSHOT_GB_MONTH,
} from "./price-table.ts";

/** The root volume of an AMI when the matrix says nothing: Amazon Linux's default size. */
export const DEFAULT_VOLUME_GB = 8;

export interface CostItem {
  id: string;
  kind: "build" | "copy";
  region: string;
  instanceType: string;
  expectedMs: number;
  /** Root volume size of the new AMI, GB. */
  volumeGb: number;
}

export interface CostLine {
  id: string;
  /** On-demand USD per hour of the build instance; undefined for a copy. */
  hourly?: number;
  /** USD for this build's instance time, or this copy's transfer. */
  run: number;
  /** USD per month to keep the new AMI's snapshot. */
  storagePerMonth: number;
  /** Set when the hourly price is the region's own list price, not us-east-1's times a region factor. */
  listed?: true;
  /** Set when a price was not in the table and was guessed. */
  guessed?: string;
}

export interface CostEstimate {
  lines: CostLine[];
  launches: number;
  copies: number;
  /** Cells kept as they are: no instance, no copy, no new snapshot. */
  unchanged: number;
  /** Cells skipped (a file they require is missing): nothing is spent on them. */
  skipped: number;
  instanceHours: number;
  run: number;
  storagePerMonth: number;
  pricesAsOf: string;
}

export function estimateCost(
  items: readonly CostItem[],
  { unchanged = 0, skipped = 0 } = {},
): CostEstimate {
  const lines = items.map(costLine);
  const builds = items.filter((item) => item.kind === "build");
  return {
    lines,
    launches: builds.length,
    copies: items.length - builds.length,
    unchanged,
    skipped,
    instanceHours: builds.reduce((sum, item) => sum + item.expectedMs / 3_600_000, 0),
    run: lines.reduce((sum, line) => sum + line.run, 0),
    storagePerMonth: lines.reduce((sum, line) => sum + line.storagePerMonth, 0),
    pricesAsOf: PRICES_AS_OF,
  };
}

function costLine(item: CostItem): CostLine {
  const factor = REGION_FACTOR[item.region];
  const regionFactor = factor ?? 1.25;
  const storagePerMonth = item.volumeGb * SNAPSHOT_GB_MONTH * regionFactor;
  const regionGuess = factor === undefined ? `no price factor for ${item.region}` : undefined;
  if (item.kind === "copy") {
    const line = { id: item.id, run: item.volumeGb * INTER_REGION_GB, storagePerMonth };
    return regionGuess ? { ...line, guessed: regionGuess } : line;
  }
  const listed =
    HOURLY_BY_REGION[item.instanceType]?.[item.region] ??
    (item.region === "us-east-1" ? HOURLY_US_EAST_1[item.instanceType] : undefined);
  const base = HOURLY_US_EAST_1[item.instanceType];
  const hourly = listed ?? (base ?? familyGuess(item.instanceType)) * regionFactor;
  const guessed = [
    listed === undefined && base === undefined ? `no price for ${item.instanceType}` : undefined,
    listed === undefined ? regionGuess : undefined,
  ]
    .filter(Boolean)
    .join("; ");
  return {
    id: item.id,
    hourly,
    run: hourly * (item.expectedMs / 3_600_000),
    storagePerMonth,
    ...(listed !== undefined ? { listed: true as const } : {}),
    ...(guessed ? { guessed } : {}),
  };
}

// An unknown type is priced like a known one of the same size, else like m5.large.
function familyGuess(instanceType: string): number {
  const size = instanceType.split(".")[1];
  const sameSize = Object.entries(HOURLY_US_EAST_1).find(([type]) => type.endsWith(`.${size}`));
  return sameSize?.[1] ?? (HOURLY_US_EAST_1["m5.large"] as number);
}

/** A price or a small sum to the tenth of a cent and beyond: `$0.0416`, `$0.014`, `$1.24`. */
export function formatUsdFine(amount: number): string {
  if (amount >= 1) return `$${amount.toFixed(2)}`;
  const digits = amount.toFixed(4).replace(/0+$/, "");
  return `$${digits.length < 4 ? amount.toFixed(2) : digits}`;
}

export function formatUsd(amount: number): string {
  return amount < 10 ? `$${amount.toFixed(2)}` : `$${Math.round(amount).toLocaleString("en-US")}`;
}
