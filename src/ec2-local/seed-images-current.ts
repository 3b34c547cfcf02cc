// Images today's example matrices build from: Amazon Linux 2023, the ECS GPU-optimized images (Amazon
// Linux 2 and 2023), Ubuntu 24.04 and the Deep Learning base AMIs (Ubuntu 22.04 and 24.04). Several
// dates each, so `most_recent` matters, and look-alikes that a sloppy name pattern, a missing
// architecture or a missing owner would pick instead.
import { LOOKALIKE_OWNER_ID } from "./accounts.ts";
import type { SeedImage } from "./seed-image.ts";
import { al2023, deepLearning, ecsAl2, ecsAl2023, ubuntuNoble } from "./seed-image-families.ts";

const DLAMI_BASE = "Deep Learning Base OSS Nvidia Driver GPU AMI";

const NEWEST = {
  amazonLinux2023: al2023({
    date: "2023.6.20241121.0",
    creationDate: "2024-11-21T21:18:46.000Z",
  }),
  ecsGpu: ecsAl2({ kind: "gpu", date: "20241115", creationDate: "2024-11-15T23:05:12.000Z" }),
  ecsGpuAl2023: ecsAl2023({
    kind: "gpu",
    date: "20261113",
    creationDate: "2026-11-13T06:41:27.000Z",
  }),
  ubuntuNoble: ubuntuNoble({ date: "20241119", creationDate: "2024-11-19T22:04:37.000Z" }),
  deepLearningGpu: deepLearning({
    title: DLAMI_BASE,
    os: "Ubuntu 22.04",
    date: "20241115",
    creationDate: "2024-11-15T19:39:10.000Z",
  }),
  deepLearningGpuNoble: deepLearning({
    title: DLAMI_BASE,
    os: "Ubuntu 24.04",
    date: "20261104",
    creationDate: "2026-11-04T21:37:02.000Z",
  }),
} as const;

function copiedByStranger(image: SeedImage, name: string, creationDate: string): SeedImage {
  return { ...image, name, creationDate, ownerId: LOOKALIKE_OWNER_ID, ownerAlias: undefined };
}

/** What `most_recent = true` picks with the right owner, name pattern and architecture. */
export const NEWEST_CURRENT_IMAGE_NAMES = {
  amazonLinux2023: NEWEST.amazonLinux2023.name,
  ecsGpu: NEWEST.ecsGpu.name,
  ecsGpuAl2023: NEWEST.ecsGpuAl2023.name,
  ubuntuNoble: NEWEST.ubuntuNoble.name,
  deepLearningGpu: NEWEST.deepLearningGpu.name,
  deepLearningGpuNoble: NEWEST.deepLearningGpuNoble.name,
} as const;

export const CURRENT_SEEDS: readonly SeedImage[] = [
  al2023({ date: "2023.6.20241010.0", creationDate: "2024-10-10T19:53:08.000Z" }),
  NEWEST.amazonLinux2023,
  al2023({ date: "2023.5.20240805.0", creationDate: "2024-08-05T22:41:55.000Z" }),
  ecsAl2({ kind: "gpu", date: "20241010", creationDate: "2024-10-10T21:12:40.000Z" }),
  NEWEST.ecsGpu,
  ecsAl2({ kind: "gpu", date: "20240920", creationDate: "2024-09-20T18:30:02.000Z" }),
  ecsAl2023({ kind: "gpu", date: "20261022", creationDate: "2026-10-27T00:05:44.000Z" }),
  NEWEST.ecsGpuAl2023,
  ecsAl2023({ kind: "gpu", date: "20260929", creationDate: "2026-10-01T21:18:09.000Z" }),
  ubuntuNoble({ date: "20240701", creationDate: "2024-07-01T11:30:24.000Z" }),
  NEWEST.ubuntuNoble,
  ubuntuNoble({ date: "20241004", creationDate: "2024-10-04T09:12:51.000Z" }),
  deepLearning({
    title: DLAMI_BASE,
    os: "Ubuntu 22.04",
    date: "20240916",
    creationDate: "2024-09-16T20:04:33.000Z",
  }),
  NEWEST.deepLearningGpu,
  deepLearning({
    title: DLAMI_BASE,
    os: "Ubuntu 22.04",
    date: "20241016",
    creationDate: "2024-10-16T18:22:19.000Z",
  }),
  deepLearning({
    title: DLAMI_BASE,
    os: "Ubuntu 24.04",
    date: "20261006",
    creationDate: "2026-10-06T19:02:51.000Z",
  }),
  NEWEST.deepLearningGpuNoble,
  deepLearning({
    title: DLAMI_BASE,
    os: "Ubuntu 24.04",
    date: "20261021",
    creationDate: "2026-10-21T20:14:33.000Z",
  }),
  // Newer than the images above, but another variant, kernel, architecture or product.
  al2023({
    variant: "minimal",
    date: "2023.6.20241121.0",
    creationDate: "2024-11-21T21:20:03.000Z",
  }),
  al2023({
    architecture: "arm64",
    date: "2023.6.20241121.0",
    creationDate: "2024-11-21T21:22:31.000Z",
  }),
  ecsAl2({ kind: "standard", date: "20241120", creationDate: "2024-11-20T22:40:57.000Z" }),
  ecsAl2({ kind: "inf", date: "20241120", creationDate: "2024-11-20T22:45:15.000Z" }),
  ecsAl2023({ kind: "standard", date: "20261113", creationDate: "2026-11-13T06:38:02.000Z" }),
  ecsAl2023({ kind: "neuron", date: "20261113", creationDate: "2026-11-13T06:44:51.000Z" }),
  ecsAl2023({
    kind: "standard",
    architecture: "arm64",
    date: "20261113",
    creationDate: "2026-11-13T06:39:40.000Z",
  }),
  ubuntuNoble({
    architecture: "arm64",
    date: "20241119",
    creationDate: "2024-11-19T22:10:02.000Z",
  }),
  ubuntuNoble({ flavour: "minimal", date: "20241120", creationDate: "2024-11-20T08:47:29.000Z" }),
  deepLearning({
    title: DLAMI_BASE,
    os: "Amazon Linux 2",
    date: "20241115",
    creationDate: "2024-11-15T20:11:45.000Z",
  }),
  deepLearning({
    title: "Deep Learning ARM64 Base OSS Nvidia Driver GPU AMI",
    os: "Ubuntu 22.04",
    date: "20241115",
    creationDate: "2024-11-15T21:02:14.000Z",
    arm: true,
  }),
  deepLearning({
    title: "Deep Learning ARM64 Base OSS Nvidia Driver GPU AMI",
    os: "Ubuntu 24.04",
    date: "20261104",
    creationDate: "2026-11-04T22:10:45.000Z",
    arm: true,
  }),
  deepLearning({
    title: "Deep Learning OSS Nvidia Driver AMI GPU PyTorch 2.5.1",
    os: "Ubuntu 22.04",
    date: "20241116",
    creationDate: "2024-11-16T02:27:50.000Z",
  }),
  // Newest of all, same names and patterns, published by a stranger: only `owners` tells them apart.
  copiedByStranger(
    NEWEST.amazonLinux2023,
    "al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64",
    "2024-12-12T09:00:00.000Z",
  ),
  copiedByStranger(
    NEWEST.ecsGpu,
    "amzn2-ami-ecs-gpu-hvm-2.0.20241212-x86_64-ebs",
    "2024-12-12T09:05:00.000Z",
  ),
  copiedByStranger(
    NEWEST.ecsGpuAl2023,
    "al2023-ami-ecs-gpu-hvm-2023.0.20261201-kernel-6.1-x86_64-ebs",
    "2026-12-01T09:05:00.000Z",
  ),
  copiedByStranger(
    NEWEST.ubuntuNoble,
    "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241212",
    "2024-12-12T09:10:00.000Z",
  ),
  copiedByStranger(
    NEWEST.deepLearningGpu,
    `${DLAMI_BASE} (Ubuntu 22.04) 20241212`,
    "2024-12-12T09:15:00.000Z",
  ),
  copiedByStranger(
    NEWEST.deepLearningGpuNoble,
    `${DLAMI_BASE} (Ubuntu 24.04) 20261201`,
    "2026-12-01T09:15:00.000Z",
  ),
];
