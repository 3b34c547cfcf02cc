// Deprecated images drop out of listings (unless asked for, or one's own) but still launch by id.

import type { RegionAccount } from "./account-settings.ts";
import { LOCAL_ACCOUNT_ID } from "./accounts.ts";
import { type ActionHandler, isoTime } from "./action-context.ts";
import { invalidParameterValue } from "./ec2-error.ts";
import { isImagePublic } from "./image-xml.ts";
import { findOwnImage } from "./lookups.ts";
import type { Image } from "./model.ts";

const MINUTE_MS = 60_000;

function yearsAfter(ms: number, years: number): number {
  const at = new Date(ms);
  at.setUTCFullYear(at.getUTCFullYear() + years);
  return at.getTime();
}

export function isDeprecated(image: Image, now: number): boolean {
  return image.deprecationTime !== undefined && Date.parse(image.deprecationTime) <= now;
}

/** Whether a DescribeImages listing (no ImageId given) shows the image. */
export function isListedDespiteDeprecation(options: {
  image: Image;
  now: number;
  account: RegionAccount;
  includeDeprecated: boolean;
}): boolean {
  const { image, now, account, includeDeprecated } = options;
  return (
    !account.hideDeprecatedImages ||
    includeDeprecated ||
    image.ownerId === LOCAL_ACCOUNT_ID ||
    !isDeprecated(image, now)
  );
}

// EC2 rounds to the minute and refuses the past, and more than 2 years after creation for a public AMI.
export const enableImageDeprecation: ActionHandler = ({ params, state, now }) => {
  const image = findOwnImage(state, params.required("ImageId"));
  const raw = params.required("DeprecateAt");
  const requested = Date.parse(raw);
  if (Number.isNaN(requested))
    throw invalidParameterValue(`Invalid value '${raw}' for DeprecateAt`);
  const at = Math.round(requested / MINUTE_MS) * MINUTE_MS;
  if (at < now) throw invalidParameterValue(`DeprecateAt ${raw} is in the past`);
  const limit = isImagePublic(image)
    ? yearsAfter(Date.parse(image.creationDate), 2)
    : yearsAfter(now, 10);
  if (at > limit) {
    throw invalidParameterValue(
      `DeprecateAt ${raw} is later than ${isoTime(limit)}, the latest allowed for this AMI`,
    );
  }
  image.deprecationTime = isoTime(at);
  return { return: true };
};
