// Every region starts with the public images a real account sees, so `source_ami_filter` has a choice to make.

import type { SeedImage } from "./seed-image.ts";
import { AMAZON_LINUX_SEEDS, NEWEST_AMAZON_IMAGE_NAMES } from "./seed-images-amazon-linux.ts";
import { CURRENT_SEEDS, NEWEST_CURRENT_IMAGE_NAMES } from "./seed-images-current.ts";

export { type SeedImage, seededImageId, seedImage } from "./seed-image.ts";
export { NEWEST_AMAZON_IMAGE_NAMES, NEWEST_CURRENT_IMAGE_NAMES };

/** Seeded in every region. */
export const SEED_IMAGES: readonly SeedImage[] = [...AMAZON_LINUX_SEEDS, ...CURRENT_SEEDS];
