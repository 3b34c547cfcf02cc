// Every EC2 action a run needs, as data with who needs it and why, so the printed IAM policy, its
// --explain text and its tests all read the same list. Packer's calls are from PACKER.md (amazon-ebs,
// the bundled template); ami-matrix's are its own SDK calls.
// Over 200 lines because it is one table: each EC2 action, who calls it and why.

export type StatementId = "ReadEc2State" | "BuildImages" | "ShareImages" | "CleanUp";

export const STATEMENTS: Readonly<Record<StatementId, string>> = {
  ReadEc2State: "read-only: find, wait for and check what runs make and leave behind",
  BuildImages: "launch a temporary instance and make an AMI of it, tagged with the run",
  ShareImages: "share the AMI as the matrix asks (amiGroups, amiUsers)",
  CleanUp: "remove temporary resources, failed attempts' leftovers and pruned AMIs",
};

export interface PolicyAction {
  /** EC2 API action, without the `ec2:` prefix. */
  action: string;
  statement: StatementId;
  /** What Packer's amazon-ebs builder calls it for, if it does. */
  packer?: string;
  /** What ami-matrix's own SDK calls use it for, if they do. */
  tool?: string;
  /** Only for Spot builds (a matrix's `spot`, or `--spot`). */
  spot?: true;
}

export const POLICY_ACTIONS: readonly PolicyAction[] = [
  {
    action: "DescribeRegions",
    statement: "ReadEc2State",
    packer: "validates the region (on AWS; skipped against a local endpoint)",
    tool: "preflight checks that every region of the plan answers",
  },
  {
    action: "DescribeImages",
    statement: "ReadEc2State",
    packer: "checks the AMI name is free, finds the source AMI, waits for the new AMI",
    tool: "picks source AMIs, verifies new AMIs, finds unfinished AMIs; prune and sweep",
  },
  {
    action: "DescribeInstanceTypeOfferings",
    statement: "ReadEc2State",
    tool: "preflight checks that each region offers the instance types of its jobs",
  },
  {
    action: "GetImageBlockPublicAccessState",
    statement: "ReadEc2State",
    tool: "preflight checks that AMIs the matrix makes public may be made public",
  },
  {
    action: "GetAllowedImagesSettings",
    statement: "ReadEc2State",
    tool: "preflight checks that Allowed AMIs accepts the source images",
  },
  {
    action: "DescribeAccountAttributes",
    statement: "ReadEc2State",
    tool: "preflight checks for a default VPC where the matrix names no subnet",
  },
  {
    action: "DescribeImageAttribute",
    statement: "ReadEc2State",
    tool: "verifies that each new AMI is shared as the matrix asks",
  },
  {
    action: "DescribeInstances",
    statement: "ReadEc2State",
    packer: "waits for its instance to run, stop and terminate",
    tool: "finds and waits out instances a failed attempt left; sweep",
  },
  {
    action: "DescribeSecurityGroups",
    statement: "ReadEc2State",
    packer: "waits for its temporary security group",
    tool: "finds Packer's temporary groups after a failed attempt; sweep",
  },
  {
    action: "DescribeKeyPairs",
    statement: "ReadEc2State",
    tool: "finds the key pair Packer announced after a failed attempt; sweep",
  },
  {
    action: "DescribeSnapshots",
    statement: "ReadEc2State",
    tool: "prune and sweep find snapshots a run left, by its tags",
  },
  {
    action: "DescribeVolumes",
    statement: "ReadEc2State",
    packer: "its cleanup looks for volumes the instance left",
  },
  {
    action: "CreateKeyPair",
    statement: "BuildImages",
    packer: "makes a temporary key pair for SSH",
  },
  {
    action: "CreateSecurityGroup",
    statement: "BuildImages",
    packer: "makes a temporary security group",
  },
  {
    action: "AuthorizeSecurityGroupIngress",
    statement: "BuildImages",
    packer: "opens SSH in its temporary security group",
  },
  {
    action: "RunInstances",
    statement: "BuildImages",
    packer: "launches the source instance",
  },
  {
    action: "CreateTags",
    statement: "BuildImages",
    packer:
      "tags the instance at launch and the AMI and its snapshots afterwards: the tags by which ami-matrix finds what a run made",
    tool: "tags each copy and its snapshots as CopyImage makes them (the copy strategy)",
  },
  {
    action: "CopyImage",
    statement: "BuildImages",
    tool: "the copy strategy: copies the home region's AMI to each other region",
  },
  {
    action: "StopInstances",
    statement: "BuildImages",
    packer: "stops the instance before imaging it",
  },
  {
    action: "CreateImage",
    statement: "BuildImages",
    packer: "makes the AMI (and its snapshots, so no ec2:CreateSnapshot)",
  },
  {
    action: "ModifyImageAttribute",
    statement: "ShareImages",
    packer: "sets the AMI's description and shares it (ami_groups, ami_users)",
    tool: "shares each copy as the matrix asks (CopyImage does not carry launch permissions)",
  },
  {
    action: "TerminateInstances",
    statement: "CleanUp",
    packer: "terminates its instance",
    tool: "terminates instances a failed or cancelled attempt left; sweep",
  },
  {
    action: "DeleteSecurityGroup",
    statement: "CleanUp",
    packer: "deletes its temporary group",
    tool: "deletes temporary groups a failed attempt left; sweep",
  },
  {
    action: "DeleteKeyPair",
    statement: "CleanUp",
    packer: "deletes its temporary key pair",
    tool: "deletes temporary key pairs a failed attempt left; sweep",
  },
  {
    action: "DeleteVolume",
    statement: "CleanUp",
    packer: "deletes volumes the instance left behind",
  },
  {
    action: "DeregisterImage",
    statement: "CleanUp",
    packer: "deregisters the AMI of a failed or cancelled build",
    tool: "deregisters the AMI of a failed attempt; prune removes old AMIs",
  },
  {
    action: "DeleteSnapshot",
    statement: "CleanUp",
    packer: "deletes the snapshots of an AMI it deregistered",
    tool: "deletes the snapshots of AMIs it deregisters (cleanup, prune, sweep)",
  },
  // Spot builds: Packer makes a launch template and launches from it through an instant EC2 Fleet
  // (Packer 1.6.6 and the amazon plugin alike; no RequestSpotInstances, no DescribeSpotPriceHistory).
  {
    action: "DescribeLaunchTemplates",
    statement: "ReadEc2State",
    tool: "finds a Spot attempt's launch template by the run's tags after a failure; sweep",
    spot: true,
  },
  {
    action: "CreateLaunchTemplate",
    statement: "BuildImages",
    packer: "Spot builds: the launch template its fleet launches from, tagged with the run",
    spot: true,
  },
  {
    action: "CreateFleet",
    statement: "BuildImages",
    packer: "Spot builds: an instant fleet launches the Spot instance (ec2:RunInstances too)",
    spot: true,
  },
  {
    action: "DeleteLaunchTemplate",
    statement: "CleanUp",
    packer: "Spot builds: deletes its launch template",
    tool: "deletes the launch template a failed or killed Spot attempt left; sweep",
    spot: true,
  },
];

/** What a matrix adds to the policy: Spot builds, and a build instance with an instance profile. */
export interface PolicyNeeds {
  spot: boolean;
  /** iam:PassRole, to EC2 only: a matrix's iamInstanceProfile. */
  passRole: boolean;
}

export const NO_EXTRA_NEEDS: PolicyNeeds = { spot: false, passRole: false };

/** Actions left out on purpose: what would need them. Add one only if your own template does. */
export const NOT_GRANTED: readonly { action: string; neededFor: string }[] = [
  {
    action: "ec2:RegisterImage",
    neededFor: "the amazon-ebssurrogate and amazon-chroot builders, not amazon-ebs",
  },
  {
    action: "ec2:ModifySnapshotAttribute",
    neededFor: "a template with snapshot_users or snapshot_groups",
  },
  {
    action: "ec2:ModifyInstanceAttribute",
    neededFor: "a template with ena_support or sriov_support",
  },
  { action: "ec2:GetPasswordData", neededFor: "Windows instances (WinRM)" },
  {
    action: "iam:CreateServiceLinkedRole",
    neededFor:
      "an account's first Spot instance, which creates the AWSServiceRoleForEC2Spot role; create it once instead: aws iam create-service-linked-role --aws-service-name spot.amazonaws.com",
  },
];

/** Left out unless the matrix needs it (`policy --matrix FILE`). */
export const PASS_ROLE_NOTE = {
  action: "iam:PassRole",
  neededFor: "a matrix with iamInstanceProfile (policy --matrix FILE adds it, to EC2 only)",
};
