// The Amazon Linux images the AMI matrix has always built from: Amazon Linux 2 (HVM) and the last PV
// Amazon Linux, AMI 2018.03, which reached end of life on 2023-12-31 and is deprecated on AWS.
import { AMAZON_OWNER_ID, LOOKALIKE_OWNER_ID } from "./accounts.ts";
import { type SeedImage, twoYearsAfter } from "./seed-image.ts";

function amazonLinux2(options: {
  version: string;
  architecture: "x86_64" | "arm64";
  volumeType: "gp2" | "standard";
  creationDate: string;
}): SeedImage {
  const { version, architecture, volumeType, creationDate } = options;
  const storage = volumeType === "gp2" ? "gp2" : "ebs";
  return {
    name: `amzn2-ami-hvm-2.0.${version}-${architecture}-${storage}`,
    description: `Amazon Linux 2 AMI 2.0.${version} ${architecture} HVM ${storage}`,
    creationDate,
    virtualizationType: "hvm",
    architecture,
    rootDeviceType: "ebs",
    volumeType,
    ownerId: AMAZON_OWNER_ID,
    ownerAlias: "amazon",
  };
}

function amazonLinuxPv(options: {
  version: string;
  rootDeviceType: "ebs" | "instance-store";
  creationDate: string;
}): SeedImage {
  const { version, rootDeviceType, creationDate } = options;
  const suffix = rootDeviceType === "ebs" ? "ebs" : "s3";
  return {
    name: `amzn-ami-pv-2018.03.0.${version}-x86_64-${suffix}`,
    description: `Amazon Linux AMI 2018.03.0.${version} x86_64 PV ${rootDeviceType === "ebs" ? "EBS" : "S3"}`,
    creationDate,
    virtualizationType: "paravirtual",
    architecture: "x86_64",
    rootDeviceType,
    volumeType: "standard",
    ownerId: AMAZON_OWNER_ID,
    ownerAlias: "amazon",
    deprecationTime: twoYearsAfter(creationDate),
  };
}

function lookalike(image: SeedImage, version: string, creationDate: string): SeedImage {
  return {
    ...image,
    name: image.name.replace(/\d{8}\.\d/, version),
    description: `${image.description} (community copy)`,
    creationDate,
    deprecationTime: image.deprecationTime && twoYearsAfter(creationDate),
    ownerId: LOOKALIKE_OWNER_ID,
    ownerAlias: undefined,
  };
}

const NEWEST_AMAZON_LINUX_2 = amazonLinux2({
  version: "20210126.0",
  architecture: "x86_64",
  volumeType: "gp2",
  creationDate: "2021-01-27T06:43:18.000Z",
});

const NEWEST_AMAZON_LINUX_PV = amazonLinuxPv({
  version: "20201028.0",
  rootDeviceType: "ebs",
  creationDate: "2020-10-29T00:21:48.000Z",
});

/** Deliberately out of date order; the traps are listed last. */
export const AMAZON_LINUX_SEEDS: readonly SeedImage[] = [
  amazonLinux2({
    version: "20201126.0",
    architecture: "x86_64",
    volumeType: "gp2",
    creationDate: "2020-12-01T21:20:01.000Z",
  }),
  NEWEST_AMAZON_LINUX_2,
  amazonLinux2({
    version: "20200917.0",
    architecture: "x86_64",
    volumeType: "gp2",
    creationDate: "2020-09-18T19:34:31.000Z",
  }),
  amazonLinuxPv({
    version: "20200602.1",
    rootDeviceType: "ebs",
    creationDate: "2020-06-03T05:02:41.000Z",
  }),
  NEWEST_AMAZON_LINUX_PV,
  amazonLinuxPv({
    version: "20191014.0",
    rootDeviceType: "ebs",
    creationDate: "2019-10-15T17:30:14.000Z",
  }),
  {
    name: "amzn-ami-hvm-2018.03.0.20201028.0-x86_64-gp2",
    description: "Amazon Linux AMI 2018.03.0.20201028.0 x86_64 HVM gp2",
    creationDate: "2020-10-29T00:18:02.000Z",
    virtualizationType: "hvm",
    architecture: "x86_64",
    rootDeviceType: "ebs",
    volumeType: "gp2",
    ownerId: AMAZON_OWNER_ID,
    ownerAlias: "amazon",
    deprecationTime: twoYearsAfter("2020-10-29T00:18:02.000Z"),
  },
  // Newer than the images above but the wrong architecture, storage or root device.
  amazonLinux2({
    version: "20210126.0",
    architecture: "arm64",
    volumeType: "gp2",
    creationDate: "2021-01-27T06:50:02.000Z",
  }),
  amazonLinux2({
    version: "20210126.0",
    architecture: "x86_64",
    volumeType: "standard",
    creationDate: "2021-01-27T06:47:40.000Z",
  }),
  amazonLinuxPv({
    version: "20201028.0",
    rootDeviceType: "instance-store",
    creationDate: "2020-10-29T00:25:10.000Z",
  }),
  // Newest of all, same name pattern, not Amazon's: only `owners` keeps a build away from these.
  lookalike(NEWEST_AMAZON_LINUX_2, "20211201.0", "2021-12-01T09:00:00.000Z"),
  lookalike(NEWEST_AMAZON_LINUX_PV, "20211201.0", "2021-12-01T09:05:00.000Z"),
];

/** What `most_recent = true` with Amazon as owner picks, per virtualization type. */
export const NEWEST_AMAZON_IMAGE_NAMES = {
  hvm: NEWEST_AMAZON_LINUX_2.name,
  paravirtual: NEWEST_AMAZON_LINUX_PV.name,
} as const;
