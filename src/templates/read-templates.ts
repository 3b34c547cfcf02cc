// The handlebars sources of the templates the selected cells name, read once each from packer/.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../errors.ts";

export async function readTemplates({
  packerDir,
  names,
}: {
  packerDir: string;
  names: readonly string[];
}): Promise<Map<string, string>> {
  const templates = new Map<string, string>();
  for (const name of new Set(names)) {
    try {
      templates.set(name, await readFile(path.join(packerDir, name), "utf8"));
    } catch (error) {
      // Preflight saw the file; it went away since.
      throw new UserError(`Cannot read the template packer/${name}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return templates;
}
