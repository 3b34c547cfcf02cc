// The account settings EC2 reports per region: block public access for AMIs and Allowed AMIs.
import type { ActionHandler } from "./action-context.ts";

export const getImageBlockPublicAccessState: ActionHandler = ({ account }) => ({
  imageBlockPublicAccessState: account.imageBlockPublicAccessState,
  managedBy: "account",
});

export const getAllowedImagesSettings: ActionHandler = ({ account }) => ({
  state: account.allowedImages.state,
  imageCriterionSet: account.allowedImages.criteria.map((criterion) => ({
    imageProviderSet: criterion.imageProviders,
    imageNameSet: criterion.imageNames,
  })),
  managedBy: "account",
});
