// The exact Packer commands a job runs; shown by --dry-run and run by the builder. Each attempt passes
// its own AMI name, so the name is made in one place (attemptAmiName) and the template only uses it.
import { attemptAmiName } from "../model/attempt-name.ts";

export interface PackerCommands {
  /** `packer init` for Packer 1.7+, which needs the amazon plugin installed; absent for 1.6.x. */
  init?: string[];
  /** Arguments of `packer validate`: the template with the same var files as the build. */
  validate: string[];
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
  varFiles = [],
}: {
  templateFile: string;
  needsInit: boolean;
  amiName: string;
  runId: string;
  /** The user's --var-file files, absolute: their paths are arguments, their values never are. */
  varFiles?: readonly string[];
}): PackerCommands {
  return {
    ...(needsInit ? { init: ["init", templateFile] } : {}),
    validate: ["validate", ...varFileArgs(varFiles), templateFile],
    build: buildArgs({ templateFile, name: attemptAmiName({ amiName, runId }, 1), varFiles }),
  };
}

export function buildArgsForAttempt(
  {
    templateFile,
    amiName,
    runId,
    varFiles = [],
  }: { templateFile: string; amiName: string; runId: string; varFiles?: readonly string[] },
  attempt: number,
): string[] {
  return buildArgs({ templateFile, name: attemptAmiName({ amiName, runId }, attempt), varFiles });
}

function buildArgs({
  templateFile,
  name,
  varFiles,
}: {
  templateFile: string;
  name: string;
  varFiles: readonly string[];
}): string[] {
  return [
    "build",
    "-machine-readable",
    "-color=false",
    ...varFileArgs(varFiles),
    "-var",
    `${AMI_NAME_VARIABLE}=${name}`,
    templateFile,
  ];
}

function varFileArgs(varFiles: readonly string[]): string[] {
  return varFiles.map((file) => `-var-file=${file}`);
}
