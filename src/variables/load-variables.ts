// The shell around the variables: --var parsed, each --var-file found and read (the user's own file,
// passed to Packer by its absolute path and never copied), before anything else is planned.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../errors.ts";
import { type PackerVariables, parseVarFlags, type VarFile } from "./packer-variables.ts";
import { varFileEntries } from "./var-file-entries.ts";

export async function loadVariables({
  vars,
  varFiles,
  cwd,
}: {
  vars: readonly string[];
  varFiles: readonly string[];
  cwd: string;
}): Promise<PackerVariables> {
  const parsed = parseVarFlags(vars);
  const files = await Promise.all(varFiles.map((shown) => readVarFile(shown, cwd)));
  return { vars: parsed, files };
}

async function readVarFile(shown: string, cwd: string): Promise<VarFile> {
  const file = path.resolve(cwd, shown);
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new UserError(
      error.code === "ENOENT"
        ? `--var-file ${shown}: no such file.`
        : `--var-file ${shown}: cannot read it (${error.code ?? error.message}).`,
      { cause: error },
    );
  });
  if (!info.isFile())
    throw new UserError(
      `--var-file ${shown} is not a file; give a Packer variables file (.pkrvars.hcl or .json).`,
    );
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`--var-file ${shown}: cannot read it (${error.code ?? error.message}).`, {
      cause: error,
    });
  });
  return { path: file, shown, entries: varFileEntries({ file: shown, text }) };
}
