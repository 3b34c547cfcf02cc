// Rules on images built on other images (`from`) and on the copy strategy's home region: the base is
// another image of the matrix, every layered cell has its base cell, and no image is its own ancestor.
import type { Job } from "../model/job.ts";
import type { Matrix } from "./schema.ts";

export function checkLayers(matrix: Matrix, jobs: readonly Job[]): string[] {
  const problems: string[] = [];
  if (matrix.homeRegion !== undefined && !matrix.axes.region.includes(matrix.homeRegion)) {
    problems.push(
      `homeRegion: "${matrix.homeRegion}" is not a region of axes.region; listed: ${matrix.axes.region.join(", ")}`,
    );
  }
  const ids = new Set(jobs.map((job) => job.id));
  const baseOf = new Map<string, string>();
  for (const job of jobs) {
    if (!job.from) continue;
    const base = job.from.split("/")[0] as string;
    if (!matrix.axes.image.includes(base)) {
      problems.push(
        `cell ${job.id}: from "${base}" is not an image of axes.image; listed: ${matrix.axes.image.join(", ")}`,
      );
    } else if (base === job.image) {
      problems.push(`cell ${job.id}: from "${base}" names the image itself`);
    } else if (!ids.has(job.from)) {
      problems.push(
        `cell ${job.id}: builds on ${job.from}, which the matrix does not have (excluded?); include that cell or leave this one out`,
      );
    }
    baseOf.set(job.image, base);
  }
  for (const image of baseOf.keys()) {
    const chain = [image];
    for (let next = baseOf.get(image); next !== undefined; next = baseOf.get(next)) {
      if (chain.includes(next)) {
        problems.push(`image.${image}: from makes a loop: ${[...chain, next].join(" → ")}`);
        break;
      }
      chain.push(next);
    }
  }
  return [...new Set(problems)];
}
