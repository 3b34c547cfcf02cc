// Pure: what a job's template may use: the job, its run, its AMI name and source, its launch settings,
// the files it requires and the rehearsal's settings.
import path from "node:path";
import { isCopyJob as isCopy, type Job } from "../model/job.ts";
import { jobTags, TOOL_NAME } from "../model/tags.ts";
import { launchContext } from "./launch-context.ts";
import {
  AMI_NAME_VARIABLE,
  SOURCE_AMI_PLACEHOLDER,
  SOURCE_AMI_VARIABLE,
} from "./packer-command.ts";
import { requiredFilesContext } from "./required-files.ts";

export function templateContext(
  {
    job,
    rootDeviceName,
    runId,
    packerDir,
    needsInit,
    mode,
  }: {
    job: Job;
    rootDeviceName: string | undefined;
    runId: string;
    packerDir: string;
    needsInit: boolean;
    mode: { local: boolean; ec2Endpoint?: string | undefined };
  },
  {
    amiName,
    sourceAmiId,
    fingerprint,
  }: { amiName: string; sourceAmiId: string; fingerprint?: string },
) {
  // A cell built on another image gets that image's AMI of this run through a variable.
  const from = job.from !== undefined && !isCopy(job) ? job.from : "";
  const files = requiredFilesContext(job, packerDir);
  return {
    ...files,
    sourceAmiId: from ? "" : sourceAmiId,
    sourceFrom: from,
    sourceAmiVariable: SOURCE_AMI_VARIABLE,
    sourceAmiPlaceholder: SOURCE_AMI_PLACEHOLDER,
    job,
    runId,
    /** The variable each attempt's AMI name arrives in, and attempt 1's name as its default. */
    amiNameVariable: AMI_NAME_VARIABLE,
    amiName,
    description: `${job.image} image (${job.virtualization}), built by ${TOOL_NAME} run ${runId}`,
    tags: jobTags(job, runId, fingerprint),
    scripts: job.scripts.map((script) => path.join(packerDir, script)),
    launch: launchContext({
      job,
      packerDir,
      rootDeviceName,
      environment: files.requiredFilesEnvironment,
    }),
    variables: job.variables,
    packer: { requiredPlugins: needsInit },
    local: mode.local,
    ec2Endpoint: mode.ec2Endpoint ?? "",
    skippedProvisioning: `echo 'local rehearsal: no SSH, so ${job.scripts.join(", ") || "no script"} did not run'`,
  };
}
