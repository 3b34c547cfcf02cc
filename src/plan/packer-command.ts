// The exact Packer commands a job runs; shown by --dry-run and run by the builder. Each attempt passes
// its own AMI name, so the name is made in one place (attemptAmiName) and the template only uses it.
import { attemptAmiName } from "../model/attempt-name.ts";

export interface PackerCommands {
  /** `packer init` for Packer 1.7+, which needs the amazon plugin installed; absent for 1.6.x. */
  init?: string[];
  /** Arguments of `packer build` for attempt 1; buildArgsForAttempt gives another attempt's. */
  build: string[];
}

export const AMI_NAME_VARIABLE = "ami_name";
/** How --dry-run and command.txt say what changes from one attempt to the next. */
export const ATTEMPT_NOTE = `attempt N passes -var ${AMI_NAME_VARIABLE}=<name>-aN`;

export function packerCommands({
  templateFile,
  needsInit,
  amiName,
  runId,
}: {
  templateFile: string;
  needsInit: boolean;
  amiName: string;
  runId: string;
}): PackerCommands {
  return {
    ...(needsInit ? { init: ["init", templateFile] } : {}),
    build: buildArgs({ templateFile, name: attemptAmiName({ amiName, runId }, 1) }),
  };
}

export function buildArgsForAttempt(
  { templateFile, amiName, runId }: { templateFile: string; amiName: string; runId: string },
  attempt: number,
): string[] {
  return buildArgs({ templateFile, name: attemptAmiName({ amiName, runId }, attempt) });
}

function buildArgs({ templateFile, name }: { templateFile: string; name: string }): string[] {
  return [
    "build",
    "-machine-readable",
    "-color=false",
    "-var",
    `${AMI_NAME_VARIABLE}=${name}`,
    templateFile,
  ];
}
