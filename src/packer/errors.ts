// Errors the Packer layer raises for problems a person can fix; the CLI maps them to messages.
import { errorMessage, UserError } from "../errors.ts";

export interface PackerSearch {
  /** Each place looked at, as a line such as `--packer: /opt/packer (not found)`. */
  looked: string[];
}

export class PackerNotFoundError extends UserError {
  override name = "PackerNotFoundError";
  readonly looked: string[];

  constructor({ looked }: PackerSearch) {
    super(
      [
        "Packer was not found. Looked at:",
        ...looked.map((place) => `  - ${place}`),
        "Install it (Debian/Ubuntu: `sudo apt-get install packer`; elsewhere: https://developer.hashicorp.com/packer/install),",
        "or point to it with `--packer PATH` or the PACKER environment variable.",
      ].join("\n"),
    );
    this.looked = looked;
  }
}

export class PackerStartError extends Error {
  override name = "PackerStartError";

  constructor({ packerPath, cause }: { packerPath: string; cause: unknown }) {
    const reason = errorMessage(cause);
    super(`Could not start Packer at ${packerPath}: ${reason}`, { cause });
  }
}

export class PackerVersionError extends UserError {
  override name = "PackerVersionError";

  constructor({
    packerPath,
    detail,
    cause,
  }: { packerPath: string; detail: string; cause?: unknown }) {
    super(
      `Could not read the version of Packer at ${packerPath} with \`${packerPath} version -machine-readable\`: ${detail}. Is it Packer? Point --packer (or the PACKER environment variable) at the packer executable.`,
      { cause },
    );
  }
}
