// How each family of public images is named and shaped, as its publisher names it: Amazon Linux 2023,
// the ECS-optimized Amazon Linux 2 and 2023, Ubuntu 24.04 and the Deep Learning base AMIs.
import {
  AMAZON_OWNER_ID,
  CANONICAL_OWNER_ID,
  DEEP_LEARNING_OWNER_ID,
  ECS_OWNER_ID,
} from "./accounts.ts";
import type { SeedImage } from "./seed-image.ts";

export type Dated = { date: string; creationDate: string };

export function al2023(
  options: Dated & { variant?: "minimal"; architecture?: "arm64" },
): SeedImage {
  const { date, creationDate, variant, architecture = "x86_64" } = options;
  const prefix = variant ? `al2023-ami-${variant}` : "al2023-ami";
  return {
    name: `${prefix}-${date}-kernel-6.1-${architecture}`,
    description: `Amazon Linux 2023 AMI ${date} ${architecture} HVM kernel-6.1`,
    creationDate,
    virtualizationType: "hvm",
    architecture,
    rootDeviceType: "ebs",
    volumeType: "gp3",
    ownerId: AMAZON_OWNER_ID,
    ownerAlias: "amazon",
  };
}

export function ecsAl2(options: Dated & { kind: "gpu" | "inf" | "standard" }): SeedImage {
  const { date, creationDate, kind } = options;
  const infix = kind === "standard" ? "ecs-hvm" : `ecs-${kind}-hvm`;
  return {
    name: `amzn2-ami-${infix}-2.0.${date}-x86_64-ebs`,
    description: `Amazon Linux AMI 2.0.${date} x86_64 ECS HVM ${kind === "standard" ? "" : `${kind.toUpperCase()} `}EBS`,
    creationDate,
    virtualizationType: "hvm",
    architecture: "x86_64",
    rootDeviceType: "ebs",
    volumeType: "gp2",
    volumeSize: 30,
    ownerId: ECS_OWNER_ID,
    ownerAlias: "amazon",
  };
}

// Named as the amazon-ecs-ami releases name them; the GPU image alone ends in `-ebs`.
export function ecsAl2023(
  options: Dated & { kind: "gpu" | "neuron" | "standard"; architecture?: "arm64" },
): SeedImage {
  const { date, creationDate, kind, architecture = "x86_64" } = options;
  const infix = kind === "standard" ? "ecs-hvm" : `ecs-${kind}-hvm`;
  return {
    name: `al2023-ami-${infix}-2023.0.${date}-kernel-6.1-${architecture}${kind === "gpu" ? "-ebs" : ""}`,
    description: `Amazon Linux AMI 2023.0.${date} ${architecture} ECS HVM ${kind === "standard" ? "" : `${kind.toUpperCase()} `}EBS`,
    creationDate,
    virtualizationType: "hvm",
    architecture,
    rootDeviceType: "ebs",
    volumeType: "gp3",
    volumeSize: 30,
    ownerId: ECS_OWNER_ID,
    ownerAlias: "amazon",
  };
}

export function ubuntuNoble(
  options: Dated & { flavour?: "minimal"; architecture?: "arm64" },
): SeedImage {
  const { date, creationDate, flavour, architecture } = options;
  const arch = architecture === "arm64" ? "arm64" : "amd64";
  const name = flavour
    ? `ubuntu-minimal/images/hvm-ssd-gp3/ubuntu-noble-24.04-${arch}-minimal-${date}`
    : `ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-${arch}-server-${date}`;
  return {
    name,
    description: `Canonical, Ubuntu${flavour ? " Minimal" : ""}, 24.04, ${arch} noble image`,
    creationDate,
    virtualizationType: "hvm",
    architecture: architecture ?? "x86_64",
    rootDeviceType: "ebs",
    volumeType: "gp3",
    rootDeviceName: "/dev/sda1",
    ownerId: CANONICAL_OWNER_ID,
    ownerAlias: undefined,
  };
}

export function deepLearning(
  options: Dated & { title: string; os: string; arm?: boolean },
): SeedImage {
  const { date, creationDate, title, os, arm } = options;
  return {
    name: `${title} (${os}) ${date}`,
    description: `${title}, NVIDIA driver, CUDA, cuDNN and NCCL on ${os}`,
    creationDate,
    virtualizationType: "hvm",
    architecture: arm ? "arm64" : "x86_64",
    rootDeviceType: "ebs",
    volumeType: "gp3",
    volumeSize: 75,
    rootDeviceName: os.startsWith("Ubuntu") ? "/dev/sda1" : "/dev/xvda",
    ownerId: DEEP_LEARNING_OWNER_ID,
    ownerAlias: "amazon",
  };
}
