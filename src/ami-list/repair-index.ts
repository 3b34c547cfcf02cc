// The index is derived from the cell files and never trusted: a crash between a cell's rename and the
// index rewrite, or a hand edit, leaves them apart. A run checks and rebuilds it first, and says so;
// the Terraform file beside it likewise.
import path from "node:path";
import { readFileIfExists } from "../fs/read-file-if-exists.ts";
import { writeFileAtomic } from "../fs/write-file-atomic.ts";
import { buildsOfIndex, keptBuilds } from "./cell-builds.ts";
import { INDEX_FILE, TERRAFORM_FILE } from "./cell-path.ts";
import { describeIndexDrift } from "./index-drift.ts";
import { formatIndex } from "./index-format.ts";
import { scanCells } from "./scan-cells.ts";
import { syncTerraformFile } from "./terraform-file.ts";

/** Rewrites index.json and amis.tf.json where they disagree with the cells; says what was fixed. */
export async function repairIndex({
  dir,
  display = (file) => file,
}: {
  dir: string;
  display?: (file: string) => string;
}): Promise<string | undefined> {
  const file = path.join(dir, INDEX_FILE);
  const [before, scanned] = await Promise.all([readFileIfExists(file), scanCells(dir)]);
  // Build facts survive a repair where they still describe the cell's AMI.
  const found = {
    ...scanned,
    builds: keptBuilds({ cells: scanned.cells, previous: buildsOfIndex(before), fresh: new Map() }),
  };
  // A new, empty AMI list gets its index with its first cell.
  if (
    before === undefined &&
    Object.keys(found.cells).length === 0 &&
    found.unreadable.length === 0
  )
    return undefined;
  const fixed: string[] = [];
  const text = formatIndex(found);
  if (before !== text) {
    await writeFileAtomic(file, text);
    fixed.push(
      `${display(file)} did not match the AMI list's cell files and was rebuilt from them: ${describeIndexDrift(before, found)}.`,
    );
  }
  const terraform = await syncTerraformFile({ dir, cells: found.cells, builds: found.builds });
  if (terraform !== "unchanged") {
    const shown = display(path.join(dir, TERRAFORM_FILE));
    fixed.push(
      terraform === "created"
        ? `${shown} (the AMI list's Terraform outputs) was missing and was written from the cells.`
        : `${shown} did not match the AMI list's cells and was rebuilt from them.`,
    );
  }
  return fixed.length > 0 ? fixed.join(" ") : undefined;
}
