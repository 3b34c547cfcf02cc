// The account ids a request can meet: the caller's own, Amazon's, other publishers, and a stranger
// publishing look-alikes.

/** The account every request is made as: what `self` means in Owners and ExecutableBy. */
export const LOCAL_ACCOUNT_ID = "123456789012";

/** Amazon's real owner id for Amazon Linux images, with the alias `amazon`. */
export const AMAZON_OWNER_ID = "137112412989";

/** The owner of the Amazon ECS-optimized AMIs (alias `amazon`). */
export const ECS_OWNER_ID = "591542846629";

/** The owner of the AWS Deep Learning AMIs (alias `amazon`). */
export const DEEP_LEARNING_OWNER_ID = "898082745236";

/** Canonical, publisher of the Ubuntu images (no alias; a verified provider). */
export const CANONICAL_OWNER_ID = "099720109477";

/** Publishers without the `amazon` alias that Allowed AMIs' `amazon` provider still covers. */
export const VERIFIED_PROVIDER_OWNER_IDS: readonly string[] = [CANONICAL_OWNER_ID];

/** A stranger's account that publishes images named like Amazon's, newer, so a filter without owners is caught. */
export const LOOKALIKE_OWNER_ID = "999988887777";

export function isAccountId(text: string): boolean {
  return /^\d{12}$/.test(text);
}
