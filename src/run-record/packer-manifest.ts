// Pure: a run's builds in the format of Packer's `manifest` post-processor, so tools that read
// `packer-manifest.json` (jq recipes, CI steps, image pipelines) read a run's folder as they would
// read Packer's. Each ami-matrix job is its own Packer run, so the whole run shares one
// `packer_run_uuid`: `last_run_uuid` selects all of its builds, as it would in one Packer run.
import { attemptAmiName } from "../model/attempt-name.ts";
import type { Job } from "../model/job.ts";

export const PACKER_MANIFEST_FILE = "packer-manifest.json";

/** One build, with the fields (and their order) Packer's manifest post-processor writes. */
export interface ManifestBuild {
  /** Packer would write the template's source name (`main` for every job); the job id tells them apart. */
  name: string;
  builder_type: string;
  /** Unix seconds, when the build's cell was written. */
  build_time: number;
  /** amazon-ebs makes no files: Packer writes null. */
  files: null;
  /** Packer's artifact id: `region:ami` pairs, sorted, joined by commas. */
  artifact_id: string;
  packer_run_uuid: string;
  custom_data: Record<string, string>;
}

export interface PackerManifest {
  builds: ManifestBuild[];
  last_run_uuid: string;
}

export function manifestBuild({
  job,
  runId,
  runUuid,
  attempt,
  amis,
  at,
}: {
  job: Job;
  runId: string;
  runUuid: string;
  attempt: number;
  /** region → AMI id, as Packer announced them. */
  amis: Readonly<Record<string, string>>;
  at: Date;
}): ManifestBuild {
  return {
    name: job.id,
    builder_type: "amazon-ebs",
    build_time: Math.floor(at.getTime() / 1000),
    files: null,
    artifact_id: Object.entries(amis)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([region, ami]) => `${region}:${ami}`)
      .join(","),
    packer_run_uuid: runUuid,
    custom_data: {
      run_id: runId,
      job: job.id,
      image: job.image,
      region: job.region,
      virtualization: job.virtualization,
      ami_list_file: job.amiListFile,
      ami_name: attemptAmiName({ amiName: job.amiName, runId }, attempt),
      attempt: String(attempt),
    },
  };
}

// Two-space indent, as Packer's MarshalIndent writes it.
export function formatManifest(manifest: PackerManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
