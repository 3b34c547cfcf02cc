// Pure: which of the images a source filter matched is the one to build from.
import type { SourceAmiFilter } from "../model/job.ts";

export interface SourceImage {
  id: string;
  name: string;
  creationDate: string;
}

/** The newest by creation date; equal dates fall back to the name, so the choice never flips. */
export function pickNewest(images: readonly SourceImage[]): SourceImage | undefined {
  return [...images].sort(
    (a, b) => b.creationDate.localeCompare(a.creationDate) || b.name.localeCompare(a.name),
  )[0];
}

export function describeFilter(filter: SourceAmiFilter): string {
  return `owners=${filter.owners.join(",")}, name=${filter.name}, architecture=${filter.architecture}, virtualization-type=${filter.virtualizationType}, root-device-type=${filter.rootDeviceType}`;
}
