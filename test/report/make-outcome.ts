import type { Job, JobOutcome, Virtualization } from "../../src/model/job.ts";

interface OutcomeSpec extends Partial<Omit<JobOutcome, "job">> {
  image?: string;
  region?: string;
  virtualization?: Virtualization;
}

// A complete, deterministic outcome for one cell; tests override only what they are about.
export function makeOutcome({
  image = "spark",
  region = "us-east-1",
  virtualization = "hvm",
  ...outcome
}: OutcomeSpec = {}): JobOutcome {
  const id = `${image}/${region}/${virtualization}`;
  const job: Job = {
    id,
    image,
    region,
    virtualization,
    instanceType: "t3.micro",
    sourceAmi: {
      owners: ["137112412989"],
      name: "amzn2-ami-hvm-*",
      architecture: "x86_64",
      virtualizationType: virtualization === "pv" ? "paravirtual" : "hvm",
      rootDeviceType: "ebs",
      includeDeprecated: false,
    },
    strategy: "build",
    homeRegion: region,
    requiresFiles: [],
    sshUsername: "ec2-user",
    amiName: `${image}-${virtualization}-run1`,
    amiListFile: id,
    template: "ami.pkr.hcl",
    scripts: ["install.sh"],
    variables: {},
    amiGroups: [],
    amiUsers: [],
  };
  return {
    job,
    status: "succeeded",
    attempts: 1,
    amis: {},
    log: `/project/runs/run1/${id.replaceAll("/", "-")}.log`,
    durationMs: 1000,
    ...outcome,
  };
}
