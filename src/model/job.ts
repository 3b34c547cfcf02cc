// The unit of work: one cell of the matrix, with every setting resolved.
export type Virtualization = "hvm" | "pv";

export const VIRTUALIZATIONS: readonly Virtualization[] = ["hvm", "pv"];

/** EC2's name for each virtualization type, as its `virtualization-type` filter wants it. */
export const EC2_VIRTUALIZATION_TYPE = { hvm: "hvm", pv: "paravirtual" } as const;

export interface SourceAmiFilter {
  owners: string[];
  name: string;
  architecture: string;
  virtualizationType: (typeof EC2_VIRTUALIZATION_TYPE)[Virtualization];
  rootDeviceType: "ebs";
  /** Look among deprecated images too (EC2 leaves them out of listings unless asked). */
  includeDeprecated: boolean;
}

export interface Job {
  /** Stable id, `image/region/virtualization`. */
  id: string;
  image: string;
  region: string;
  virtualization: Virtualization;
  instanceType: string;
  sourceAmi: SourceAmiFilter;
  /** AMI name without the per-attempt suffix. */
  amiName: string;
  /** Cell file, relative to the AMI list folder, with `/` separators. */
  amiListFile: string;
  /** Packer template, relative to the project's packer/ folder. */
  template: string;
  /** Provisioning scripts, relative to the project's packer/ folder, in order. */
  scripts: string[];
  /**
   * Files the build needs, relative to the project's packer/ folder (`requiresFiles`): uploaded to the
   * instance by Packer's file provisioner; when one is absent the cell is skipped.
   */
  requiresFiles: string[];
  /** The user Packer connects as over SSH, the source image's default user. */
  sshUsername: string;
  /** Extra template variables from the matrix (image, virtualization, region or include). */
  variables: Record<string, string>;
  /** Launch permission groups (`all` makes the AMI public). */
  amiGroups: string[];
  /** Account ids the AMI is shared with. */
  amiUsers: string[];
  /** The subnet the build instance starts in; absent: the region's default VPC. */
  subnetId?: string | FromVariable;
  /** Security groups of the build instance; absent: Packer makes a temporary one. */
  securityGroupIds?: string[] | FromVariable;
  /** Instance profile of the build instance, for what its scripts fetch (ECR, S3). */
  iamInstanceProfile?: string | FromVariable;
  /** Cloud-init or other user data, relative to the project's packer/ folder. */
  userDataFile?: string;
  /** The build instance's root volume, which the AMI's root snapshot is made from. */
  rootVolume?: RootVolume;
  /** Build on a Spot instance instead of on-demand. */
  spot?: SpotRequest;
  /** Packer variables the user sets (--var, --var-file), declared and passed to the scripts. */
  userVariables?: UserVariable[];
  /** The job whose AMI this one builds on (`from` in the matrix), e.g. base/us-east-1/hvm. */
  from?: string;
  /** `build`: Packer builds this cell; `copy`: the home region's cell is built and copied here. */
  strategy: BuildStrategy;
  /** Where the copy strategy builds this cell's image and virtualization. */
  homeRegion: string;
}

export type BuildStrategy = "build" | "copy";

/** A setting the matrix leaves to a Packer variable (`var.NAME`), set with --var or --var-file. */
export interface FromVariable {
  variable: string;
}

export interface RootVolume {
  sizeGb: number;
  /** EBS volume type; gp3 unless given. */
  type: string;
  iops?: number;
  /** MiB/s, gp3 only. */
  throughput?: number;
  /** Absent: the source image's root device (its DescribeImages RootDeviceName). */
  deviceName?: string;
}

export interface SpotRequest {
  /** `auto`: at most the on-demand price; else a maximum in USD per hour. */
  maxPrice: string;
  /** Further instance types the Spot request may use when instanceType has no capacity. */
  instanceTypes: string[];
}

export interface UserVariable {
  name: string;
  /** Absent: a real run needs a value (--var, --var-file or PKR_VAR_NAME). */
  default?: string;
  description?: string;
  sensitive: boolean;
}

export function isFromVariable(value: unknown): value is FromVariable {
  return typeof value === "object" && value !== null && "variable" in value;
}

/** `unchanged`: its listed AMI already carries this plan's fingerprint, so nothing was built. */
export type JobStatus = "succeeded" | "unchanged" | "failed" | "skipped" | "interrupted";

/** How a unit of work ended for this run: a job here, any task in the scheduler. */
export interface Outcome {
  status: JobStatus;
  attempts: number;
  /**
   * region → AMI id, from the last attempt when Packer built it: also when the job then failed because
   * the AMI could not be verified or its cell written, so that no built AMI goes unrecorded.
   */
  amis: Record<string, string>;
  error?: string;
  /** Log file of the last attempt. */
  log: string;
  /** From the first attempt's start: time spent queued is not build time. */
  durationMs: number;
  /** Set when the Packer process had to be killed: cloud resources may be left behind. */
  mayLeak?: boolean;
}

export interface JobOutcome extends Outcome {
  job: Job;
}

/** A copy is made by CopyImage from its home region's build: it launches no instance of its own. */
export function isCopyJob(job: Pick<Job, "strategy" | "region" | "homeRegion">): boolean {
  return job.strategy === "copy" && job.region !== job.homeRegion;
}

/** Only a cell Packer builds from a pinned image needs a source AMI looked up; a layered one takes its base's. */
export function needsSourceLookup(job: Job): boolean {
  return !isCopyJob(job) && job.from === undefined;
}
