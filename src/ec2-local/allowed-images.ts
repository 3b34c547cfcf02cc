// Allowed AMIs: an image is allowed when it matches any criterion; the account's own images always are.

import type { ImageCriterion } from "./account-config.ts";
import type { RegionAccount } from "./account-settings.ts";
import { LOCAL_ACCOUNT_ID, VERIFIED_PROVIDER_OWNER_IDS } from "./accounts.ts";
import { matchesWildcard } from "./filters.ts";
import type { Image } from "./model.ts";

function fromProvider(image: Image, provider: string): boolean {
  switch (provider) {
    case "amazon":
      return image.ownerAlias === "amazon" || VERIFIED_PROVIDER_OWNER_IDS.includes(image.ownerId);
    case "aws-marketplace":
    case "aws-backup-vault":
      return image.ownerAlias === provider;
    case "none":
      return false;
    default:
      return image.ownerId === provider;
  }
}

function meets(image: Image, criterion: ImageCriterion): boolean {
  const providers = criterion.imageProviders;
  const names = criterion.imageNames;
  return (
    (providers === undefined || providers.some((provider) => fromProvider(image, provider))) &&
    (names === undefined || names.some((pattern) => matchesWildcard(pattern, image.name)))
  );
}

/** Whether the image meets the region's criteria, whatever the state (audit mode reports this). */
export function isImageAllowed(image: Image, account: RegionAccount): boolean {
  if (image.ownerId === LOCAL_ACCOUNT_ID) return true;
  return account.allowedImages.criteria.some((criterion) => meets(image, criterion));
}

/** Whether the image can be discovered and launched: only `enabled` restricts anything. */
export function isImageUsable(image: Image, account: RegionAccount): boolean {
  return account.allowedImages.state !== "enabled" || isImageAllowed(image, account);
}

/** The `imageAllowed` field DescribeImages shows once Allowed AMIs is enabled or auditing. */
export function imageAllowedField(image: Image, account: RegionAccount): boolean | undefined {
  return account.allowedImages.state === "disabled" ? undefined : isImageAllowed(image, account);
}
