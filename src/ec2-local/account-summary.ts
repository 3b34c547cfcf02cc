// The account settings of a region as plain data: what a test or the state endpoint can check.
import type { AllowedImagesState } from "./account-config.ts";
import { type ImageBlockPublicAccessState, regionAccount } from "./account-settings.ts";
import type { FaultConfig } from "./fault-config.ts";
import { KNOWN_INSTANCE_TYPES } from "./instance-catalogue.ts";
import type { RegionState } from "./state.ts";

export interface AccountSummary {
  imageBlockPublicAccessState: ImageBlockPublicAccessState;
  allowedImagesState: AllowedImagesState;
  /** The default VPC's id, or undefined when the account has none in the region. */
  defaultVpcId: string | undefined;
  /** Known instance types the region does not offer. */
  instanceTypesNotOffered: string[];
  hideDeprecatedImages: boolean;
}

export function accountSummary(options: {
  state: RegionState;
  config: FaultConfig;
}): AccountSummary {
  const { state, config } = options;
  const account = regionAccount(config, state.region);
  return {
    imageBlockPublicAccessState: account.imageBlockPublicAccessState,
    allowedImagesState: account.allowedImages.state,
    defaultVpcId: [...state.vpcs.values()].find((vpc) => vpc.isDefault)?.id,
    instanceTypesNotOffered: KNOWN_INSTANCE_TYPES.filter(
      (type) => !account.instanceTypeOffered(type),
    ),
    hideDeprecatedImages: account.hideDeprecatedImages,
  };
}
