// Pure: which of the images a source filter matched is the one to build from.
import type { SourceAmiFilter } from "../model/job.ts";

export interface SourceImage {
  id: string;
  name: string;
  creationDate: string;
  /** When EC2 deprecates (or deprecated) the image; absent when no date is set. */
  deprecationTime?: string;
  /** The device the root volume is attached as (`/dev/xvda`, `/dev/sda1`): where a root volume size applies. */
  rootDeviceName?: string;
  /** GiB of the root device's snapshot: a root volume may not be smaller. */
  rootVolumeSizeGb?: number;
  /** Set by EC2 once the account's Allowed AMIs setting is enabled or auditing. */
  imageAllowed?: boolean;
}

/** The newest by creation date; equal dates fall back to the name, so the choice never flips. */
export function pickNewest(images: readonly SourceImage[]): SourceImage | undefined {
  return [...images].sort(
    (a, b) => b.creationDate.localeCompare(a.creationDate) || b.name.localeCompare(a.name),
  )[0];
}

export function describeFilter(filter: SourceAmiFilter): string {
  return `owners=${filter.owners.join(",")}, name=${filter.name}, architecture=${filter.architecture}, virtualization-type=${filter.virtualizationType}, root-device-type=${filter.rootDeviceType}${filter.includeDeprecated ? ", deprecated images included" : ""}`;
}

/** Whether the image is deprecated at `now` (a deprecated image can still be launched). */
export function isDeprecated(image: SourceImage, now: number): boolean {
  return image.deprecationTime !== undefined && Date.parse(image.deprecationTime) <= now;
}

// A warning for the dry run and the run: the image is, or soon will be, deprecated.
export function deprecationWarning(image: SourceImage, now: number): string | undefined {
  if (image.deprecationTime === undefined) return undefined;
  const day = image.deprecationTime.slice(0, 10);
  return isDeprecated(image, now)
    ? `${image.name} has been deprecated since ${day}: it still launches, but gets no updates; move to a supported image when you can`
    : `${image.name} will be deprecated on ${day}`;
}
