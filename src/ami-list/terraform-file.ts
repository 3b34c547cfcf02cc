// The Terraform file is derived like the index, and written the same way: whenever the index is brought
// up to date or repaired, atomically, and only when its bytes change.
import * as nodeFs from "node:fs/promises";
import path from "node:path";
import { type ReadFs, readFileIfExists } from "../fs/read-file-if-exists.ts";
import { type AtomicWriteFs, writeFileAtomic } from "../fs/write-file-atomic.ts";
import type { CellBuilds } from "./cell-builds.ts";
import { TERRAFORM_FILE } from "./cell-path.ts";
import { formatTerraformOutputs } from "./terraform-outputs.ts";

export async function syncTerraformFile({
  dir,
  cells,
  builds,
  fs = nodeFs,
}: {
  dir: string;
  cells: Readonly<Record<string, string>>;
  builds: CellBuilds;
  fs?: AtomicWriteFs & ReadFs;
}): Promise<"unchanged" | "created" | "replaced"> {
  const file = path.join(dir, TERRAFORM_FILE);
  const text = formatTerraformOutputs({ cells, builds });
  const before = await readFileIfExists(file, { fs });
  if (before === text) return "unchanged";
  await writeFileAtomic(file, text, { fs });
  return before === undefined ? "created" : "replaced";
}
