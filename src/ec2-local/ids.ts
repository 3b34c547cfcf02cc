// Ids look like EC2's but are derived from region and sequence, so repeated runs give the same ids.
import { createHash } from "node:crypto";

export type IdPrefix =
  | "ami"
  | "snap"
  | "vol"
  | "i"
  | "r"
  | "sg"
  | "key"
  | "vpc"
  | "subnet"
  | "aki"
  | "lt"
  | "sir"
  | "fleet";

function hashHex(text: string, length = 17): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

// As EC2 shapes them: Spot requests have 8 hex digits, fleets a UUID, the rest 17 hex digits.
export function derivedId(prefix: IdPrefix, seedText: string): string {
  if (prefix === "sir") return `sir-${hashHex(seedText, 8)}`;
  if (prefix === "fleet") {
    const hex = hashHex(seedText, 32);
    return `fleet-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return `${prefix}-${hashHex(seedText)}`;
}

/** A uniform number in [0, 1) from text: the deterministic "random" of fault fractions. */
export function unitInterval(text: string): number {
  return Number.parseInt(hashHex(text, 12), 16) / 16 ** 12;
}

/** Hands out ids per region and kind: the Nth `ami` of us-east-1 is the same on every run. */
export class IdSequence {
  readonly #region: string;
  readonly #counters = new Map<IdPrefix, number>();

  constructor(region: string) {
    this.#region = region;
  }

  next(prefix: IdPrefix): string {
    const n = (this.#counters.get(prefix) ?? 0) + 1;
    this.#counters.set(prefix, n);
    return derivedId(prefix, `${this.#region}/${prefix}/${n}`);
  }
}
