// Pure: which of one cell's AMIs prune keeps and which it removes, each with the reason a person
// reading the table needs. Never removes what another tool made, what is pending, or what is listed.
import { type AmiInfo, isToolTagged } from "../aws/ami-info.ts";

/** How many of the newest AMIs of each cell prune keeps when not told otherwise. */
export const DEFAULT_KEEP = 3;

export interface PruneDecision {
  image: AmiInfo;
  reason: string;
}

export interface PrunePlan {
  /** Newest first. */
  keep: PruneDecision[];
  /** Newest first. */
  remove: PruneDecision[];
}

export function planPrune({
  images,
  keep,
  listed,
}: {
  /** The AMIs found for one cell in its region. */
  images: readonly AmiInfo[];
  /** How many of the newest available AMIs stay. */
  keep: number;
  /** The AMI id in the cell's AMI list file, if any. */
  listed?: string;
}): PrunePlan {
  const plan: PrunePlan = { keep: [], remove: [] };
  const available = newestFirst(images.filter((i) => isToolTagged(i) && i.state === "available"));
  const rank = new Map(available.map((image, index) => [image.id, index + 1]));
  for (const image of newestFirst(images)) {
    const place = rank.get(image.id);
    const newest = place !== undefined && place <= keep ? ordinalNewest(place) : undefined;
    if (!isToolTagged(image)) {
      plan.keep.push({ image, reason: "not tagged by ami-matrix: never pruned" });
    } else if (image.id === listed) {
      plan.keep.push({ image, reason: ["in the AMI list", newest].filter(Boolean).join(", ") });
    } else if (image.state === "pending") {
      plan.keep.push({ image, reason: "pending: a build may be running, never pruned" });
    } else if (newest) {
      plan.keep.push({ image, reason: newest });
    } else if (image.state === "available") {
      plan.remove.push({ image, reason: `older than the ${keep === 1 ? "" : `${keep} `}newest` });
    } else if (image.state === "failed") {
      plan.remove.push({ image, reason: "failed: it never became usable" });
    } else {
      plan.keep.push({ image, reason: `${image.state}: left alone` });
    }
  }
  return plan;
}

// Ties on the creation date fall back to the id, so the same account always gives the same plan.
export function newestFirst<T extends { id: string; creationDate: string }>(
  items: readonly T[],
): T[] {
  return [...items].sort(
    (a, b) =>
      Date.parse(b.creationDate) - Date.parse(a.creationDate) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function ordinalNewest(place: number): string {
  return place === 1 ? "newest" : `${ordinal(place)} newest`;
}

function ordinal(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  return `${n}${({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th"}`;
}
