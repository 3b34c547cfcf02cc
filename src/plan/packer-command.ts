// The exact Packer commands a job runs; shown by --dry-run and run by the builder.
export interface PackerCommands {
  /** `packer init` for Packer 1.7+, which needs the amazon plugin installed; absent for 1.6.x. */
  init?: string[];
  /** Arguments of `packer build`; the attempt number is appended per attempt. */
  build: string[];
}

export function packerCommands({
  templateFile,
  needsInit,
}: {
  templateFile: string;
  needsInit: boolean;
}): PackerCommands {
  return {
    ...(needsInit ? { init: ["init", templateFile] } : {}),
    build: ["build", "-machine-readable", "-color=false", "-var", "attempt=1", templateFile],
  };
}

export function withAttempt(buildArgs: readonly string[], attempt: number): string[] {
  return buildArgs.map((arg) => (arg.startsWith("attempt=") ? `attempt=${attempt}` : arg));
}
