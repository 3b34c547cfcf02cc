// What the configured account settings mean for one region, asked by the handlers call by call.
import type { AllowedImagesState, ImageCriterion } from "./account-config.ts";
import type { FaultConfig } from "./fault-config.ts";
import { matchesWildcard } from "./filters.ts";
import { offeredByAws } from "./regional-offerings.ts";

export type ImageBlockPublicAccessState = "unblocked" | "block-new-sharing";

export interface RegionAccount {
  imageBlockPublicAccessState: ImageBlockPublicAccessState;
  allowedImages: { state: AllowedImagesState; criteria: readonly ImageCriterion[] };
  /** Whether DescribeImages leaves deprecated images out of listings. */
  hideDeprecatedImages: boolean;
  instanceTypeOffered(instanceType: string): boolean;
}

function appliesTo(regions: readonly string[] | undefined, region: string): boolean {
  return regions === undefined || regions.includes(region);
}

// Defaults are an older account's: public sharing unblocked, Allowed AMIs disabled, every type offered
// that AWS offers in the region.
export function regionAccount(config: FaultConfig, region: string): RegionAccount {
  const account = config.account ?? {};
  const blockPublicAccess = account.imageBlockPublicAccess;
  const allowed = account.allowedImages;
  const notOffered = (account.instanceTypesNotOffered ?? [])
    .filter((entry) => appliesTo(entry.regions, region))
    .flatMap((entry) => entry.instanceTypes);
  return {
    imageBlockPublicAccessState:
      blockPublicAccess && appliesTo(blockPublicAccess.regions, region)
        ? blockPublicAccess.state
        : "unblocked",
    allowedImages:
      allowed && appliesTo(allowed.regions, region)
        ? { state: allowed.state, criteria: allowed.imageCriteria ?? [] }
        : { state: "disabled", criteria: [] },
    hideDeprecatedImages: config.hideDeprecatedImages ?? true,
    instanceTypeOffered: (instanceType) =>
      offeredByAws(instanceType, region) &&
      !notOffered.some((pattern) => matchesWildcard(pattern, instanceType)),
  };
}

/** Regions whose default VPC the configuration removes. */
export function regionsWithoutDefaultVpc(config: FaultConfig): readonly string[] {
  return config.account?.noDefaultVpc?.regions ?? [];
}
