// Pure: a root volume smaller than its source image's root snapshot is refused by EC2 at launch
// (InvalidBlockDeviceMapping), after the key pair and security group are made: said before instead.
import type { Job } from "../model/job.ts";
import type { SourceImage } from "../source-amis/source-image-choice.ts";

export function checkRootVolumes({
  jobs,
  sourceImages,
}: {
  jobs: readonly Job[];
  sourceImages: ReadonlyMap<string, SourceImage>;
}): string[] {
  const problems: string[] = [];
  for (const job of jobs) {
    const wanted = job.rootVolume?.sizeGb;
    const image = sourceImages.get(job.id);
    const least = image?.rootVolumeSizeGb;
    if (wanted === undefined || image === undefined || least === undefined || wanted >= least)
      continue;
    problems.push(
      `${job.id}: rootVolume.sizeGb ${wanted} is smaller than the root snapshot of its source image ${image.name} (${least} GB), which EC2 refuses; set rootVolume.sizeGb to at least ${least}`,
    );
  }
  return problems;
}
