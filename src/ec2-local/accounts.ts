// The account ids a request can meet: the caller's own, Amazon's, and a stranger publishing look-alikes.

/** The account every request is made as: what `self` means in Owners and ExecutableBy. */
export const LOCAL_ACCOUNT_ID = "123456789012";

/** Amazon's real owner id for Amazon Linux images, with the alias `amazon`. */
export const AMAZON_OWNER_ID = "137112412989";

/** A stranger's account that publishes images named like Amazon's, newer, so a filter without owners is caught. */
export const LOOKALIKE_OWNER_ID = "999988887777";

export function isAccountId(text: string): boolean {
  return /^\d{12}$/.test(text);
}
