// Prices the cost estimate uses, shipped as data so a dry run needs no network. They are AWS's public
// on-demand Linux list prices per hour (shared tenancy, no Savings Plan or Spot) and EBS snapshot storage
// per GB-month, as listed on the date below, rounded; AWS changes them, so estimates say which date they
// use. A type's price in another region is its regional list price where HOURLY_BY_REGION has it, else
// its us-east-1 price times the region's factor (an estimate, and the dry run marks it with ~). A type or
// region missing here is estimated from the nearest known one and says so.
export const PRICES_AS_OF = "2026-11-01";

/** US East (N. Virginia) on-demand Linux, USD per hour. */
export const HOURLY_US_EAST_1: Readonly<Record<string, number>> = {
  "t3.medium": 0.0416,
  "t3.large": 0.0832,
  "t3.xlarge": 0.1664,
  "m5.large": 0.096,
  "m5.xlarge": 0.192,
  "m5.2xlarge": 0.384,
  "m6i.large": 0.096,
  "m7i.large": 0.1008,
  "c5.large": 0.085,
  "c5.xlarge": 0.17,
  "m3.medium": 0.067,
  "m3.large": 0.133,
  "c3.large": 0.105,
  "m1.small": 0.044,
  "g4dn.xlarge": 0.526,
  "g4dn.2xlarge": 0.752,
  "g5.xlarge": 1.006,
  "g5.2xlarge": 1.212,
  "g6.xlarge": 0.805,
  "p3.2xlarge": 3.06,
};

/**
 * Regional list prices, USD per hour, where a region's price is not its factor times us-east-1's: the
 * GPU types of the example matrices, whose regional prices differ most. Every region of the example
 * matrices that offers the type (g5 is not offered in us-west-1 or ap-southeast-1). Read from a public
 * copy of AWS's price list (instances.vantage.sh's data, 2025–2026), not from AWS itself: no network here.
 */
export const HOURLY_BY_REGION: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  "t3.medium": { "us-east-1": 0.0416, "us-west-2": 0.0416, "ap-southeast-2": 0.0528 },
  "g4dn.xlarge": {
    "us-east-1": 0.526,
    "us-west-2": 0.526,
    "us-west-1": 0.631,
    "eu-west-1": 0.587,
    "ap-northeast-1": 0.71,
    "ap-northeast-2": 0.647,
    "ap-southeast-1": 0.736,
    "ap-southeast-2": 0.684,
    "sa-east-1": 0.894,
  },
  "g5.xlarge": {
    "us-east-1": 1.006,
    "us-west-2": 1.006,
    "eu-west-1": 1.123,
    "ap-northeast-1": 1.459,
    "ap-northeast-2": 1.237,
    "ap-southeast-2": 1.308,
    "sa-east-1": 1.71,
  },
};

/** How much dearer each region is than us-east-1 for compute (approximate, per region). */
export const REGION_FACTOR: Readonly<Record<string, number>> = {
  "us-east-1": 1,
  "us-east-2": 1,
  "us-west-2": 1,
  "us-west-1": 1.17,
  "eu-west-1": 1.11,
  "eu-central-1": 1.19,
  "ap-northeast-1": 1.29,
  "ap-northeast-2": 1.23,
  "ap-southeast-1": 1.25,
  "ap-southeast-2": 1.25,
  "sa-east-1": 1.6,
};

/** EBS snapshot storage (standard tier), USD per GB-month, in us-east-1; other regions by REGION_FACTOR. */
export const SNAPSHOT_GB_MONTH = 0.05;

/** Data transfer between regions (what CopyImage moves), USD per GB. */
export const INTER_REGION_GB = 0.02;
