// Runs the real `packer build` against ec2-local, with the settings PACKER.md lists for a local endpoint.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";

export interface AmazonEbsTemplate {
  endpoint: string;
  amiName: string;
  sourceNameFilter: string;
  virtualizationType: "hvm" | "paravirtual";
  instanceType: string;
  region?: string;
  amiRegions?: string[];
  /** Build from this AMI id (`source_ami`) instead of the name filter. */
  sourceAmi?: string;
  /** Defaults to `["all"]`, as the Spark matrix publishes its AMIs. */
  amiGroups?: string[];
}

function sourceBlock(template: AmazonEbsTemplate): string {
  if (template.sourceAmi) return `source_ami = "${template.sourceAmi}"`;
  return `source_ami_filter {
    filters = {
      name                = "${template.sourceNameFilter}"
      root-device-type    = "ebs"
      virtualization-type = "${template.virtualizationType}"
    }
    owners      = ["amazon"]
    most_recent = true
  }`;
}

export function amazonEbsTemplate(template: AmazonEbsTemplate): string {
  const regions = (template.amiRegions ?? ["eu-west-1"]).map((r) => `"${r}"`).join(", ");
  const groups = (template.amiGroups ?? ["all"]).map((g) => `"${g}"`).join(", ");
  return `
source "amazon-ebs" "main" {
  region                     = "${template.region ?? "us-east-1"}"
  custom_endpoint_ec2        = "${template.endpoint}"
  skip_region_validation     = true
  skip_credential_validation = true
  skip_metadata_api_check    = true
  communicator               = "none"
  instance_type              = "${template.instanceType}"
  ami_name                   = "${template.amiName}"
  ami_regions                = [${regions}]
  ami_groups                 = [${groups}]
  tags = {
    Name  = "${template.amiName}"
    Build = "ec2-local-test"
  }
  ${sourceBlock(template)}
}

build {
  sources = ["source.amazon-ebs.main"]
}
`;
}

export interface PackerRun {
  exitCode: number;
  stdout: string;
  /** The artifact id with Packer's comma escape undone, e.g. `eu-west-1:ami-…,us-east-1:ami-…`. */
  artifactId: string | undefined;
  wallMs: number;
}

function artifactIdOf(stdout: string): string | undefined {
  const line = stdout.split("\n").find((candidate) => /^\d+,[^,]*,artifact,0,id,/.test(candidate));
  return line?.split(",").slice(5).join(",").replaceAll("%!(PACKER_COMMA)", ",");
}

export async function runPackerBuild(template: string): Promise<PackerRun> {
  const dir = await mkdtemp(join(tmpdir(), "ec2-local-packer-"));
  try {
    await writeFile(join(dir, "template.pkr.hcl"), template);
    const started = performance.now();
    const result = await execa(
      "packer",
      ["build", "-machine-readable", "-color=false", "template.pkr.hcl"],
      {
        cwd: dir,
        reject: false,
        extendEnv: false,
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          AWS_ACCESS_KEY_ID: "AKIDEC2LOCALTEST",
          AWS_SECRET_ACCESS_KEY: "not-a-secret",
          AWS_POLL_DELAY_SECONDS: "0",
          AWS_MAX_ATTEMPTS: "40",
          CHECKPOINT_DISABLE: "1",
          PACKER_CACHE_DIR: join(dir, "packer_cache"),
        },
      },
    );
    return {
      exitCode: result.exitCode ?? -1,
      stdout: result.stdout,
      artifactId: artifactIdOf(result.stdout),
      wallMs: Math.round(performance.now() - started),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
