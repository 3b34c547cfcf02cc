// The yardstick for a rehearsal: what Packer alone takes for the same 32 builds, as the original Spark
// scripts ran them: one template with one amazon-ebs source per job (same region, instance type, source
// AMI, sharing and tags as the plan pins), `-parallel-builds=8`, against the same endpoint.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { hclValue } from "../../src/templates/hcl-value.ts";

/** What `--dry-run --json` says of a job, as far as the comparison needs it. */
export interface PlannedJobJson {
  id: string;
  region: string;
  instanceType: string;
  amiName: string;
  amiGroups: string[];
  amiUsers: string[];
  sourceImage: { id: string } | null;
}

export function oneTemplate({
  jobs,
  endpoint,
  suffix,
}: {
  jobs: readonly PlannedJobJson[];
  endpoint: string;
  /** Makes the AMI names unique at the endpoint, which keeps every run's AMIs. */
  suffix: string;
}): string {
  const names = jobs.map((_, i) => `job${String(i).padStart(2, "0")}`);
  const sources = jobs.map((job, i) => {
    const tags = hclValue({ Name: job.amiName, "ami-matrix:job": job.id });
    return `source "amazon-ebs" "${names[i]}" {
  region          = ${hclValue(job.region)}
  instance_type   = ${hclValue(job.instanceType)}
  # Not the plan's attempt name: the endpoint already holds the rehearsal's AMIs.
  ami_name        = ${hclValue(`${job.amiName}-${suffix}`)}
  ami_groups      = ${hclValue(job.amiGroups)}
  ami_users       = ${hclValue(job.amiUsers)}
  source_ami      = ${hclValue(job.sourceImage?.id ?? "")}
  tags            = ${tags}
  snapshot_tags   = ${tags}
  run_tags        = ${tags}
  communicator    = "none"
  custom_endpoint_ec2        = ${hclValue(endpoint)}
  skip_region_validation     = true
  skip_credential_validation = true
  skip_metadata_api_check    = true
}
`;
  });
  return `${sources.join("\n")}
build {
  sources = ${hclValue(names.map((name) => `source.amazon-ebs.${name}`))}

  provisioner "shell-local" {
    inline = ["echo 'local rehearsal: no SSH, so no script ran'"]
  }
}
`;
}

export async function runPackerAlone({
  template,
  env,
}: {
  template: string;
  env: NodeJS.ProcessEnv;
}): Promise<{ exitCode: number | null; wallMs: number; output: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "ami-matrix-packer-alone-"));
  try {
    await writeFile(path.join(dir, "alone.pkr.hcl"), template);
    const startedAt = Date.now();
    const child = spawn(
      "packer",
      ["build", "-machine-readable", "-color=false", "-parallel-builds=8", "alone.pkr.hcl"],
      {
        cwd: dir,
        env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", resolve);
    });
    return { exitCode, wallMs: Date.now() - startedAt, output };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
