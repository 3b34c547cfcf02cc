// `--version`: the version package.json gives, read when asked rather than loaded with the modules.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PROJECT_DIR } from "../project-paths.ts";
import type { FlagSpec } from "./flags.ts";

export const VERSION_FLAG: FlagSpec = {
  name: "version",
  type: "boolean",
  help: "print the version of ami-matrix",
};

export async function versionText(): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(PROJECT_DIR, "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  return `${manifest.name} ${manifest.version}`;
}
