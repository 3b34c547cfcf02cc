// The exact Packer commands a job runs; shown by --dry-run and run by the builder. Each attempt passes
// its own AMI name, so the name is made in one place (attemptAmiName) and the template only uses it;
// a cell built on another image gets that image's AMI of this run the same way.
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
export const SOURCE_AMI_VARIABLE = "source_ami";
/** The default of a layered template's source_ami, so it validates before the base is built. */
export const SOURCE_AMI_PLACEHOLDER = "ami-00000000000000000";
/** How --dry-run and command.txt say what changes from one attempt to the next. */
export const ATTEMPT_NOTE = `attempt N passes -var ${AMI_NAME_VARIABLE}=<name>-aN`;

export function packerCommands({
  templateFile,
  needsInit,
  amiName,
  runId,
  from,
  varFiles = [],
}: {
  templateFile: string;
  needsInit: boolean;
  amiName: string;
  runId: string;
  /** The job whose AMI this one builds on, shown where its id goes. */
  from?: string;
  /** The user's --var-file files, absolute: their paths are arguments, their values never are. */
  varFiles?: readonly string[];
}): PackerCommands {
  return {
    ...(needsInit ? { init: ["init", templateFile] } : {}),
    validate: ["validate", ...varFileArgs(varFiles), templateFile],
    build: buildArgs({
      templateFile,
      name: attemptAmiName({ amiName, runId }, 1),
      varFiles,
      ...(from ? { sourceAmi: `<AMI of ${from}>` } : {}),
    }),
  };
}

export function buildArgsForAttempt(
  {
    templateFile,
    amiName,
    runId,
    sourceAmi,
    varFiles = [],
  }: {
    templateFile: string;
    amiName: string;
    runId: string;
    sourceAmi?: string;
    varFiles?: readonly string[];
  },
  attempt: number,
): string[] {
  return buildArgs({
    templateFile,
    name: attemptAmiName({ amiName, runId }, attempt),
    varFiles,
    ...(sourceAmi ? { sourceAmi } : {}),
  });
}

function buildArgs({
  templateFile,
  name,
  sourceAmi,
  varFiles,
}: {
  templateFile: string;
  name: string;
  sourceAmi?: string;
  varFiles: readonly string[];
}): string[] {
  return [
    "build",
    "-machine-readable",
    "-color=false",
    ...varFileArgs(varFiles),
    "-var",
    `${AMI_NAME_VARIABLE}=${name}`,
    ...(sourceAmi ? ["-var", `${SOURCE_AMI_VARIABLE}=${sourceAmi}`] : []),
    templateFile,
  ];
}

function varFileArgs(varFiles: readonly string[]): string[] {
  return varFiles.map((file) => `-var-file=${file}`);
}
