// Every file under a folder, hidden ones too, relative path → content: what "nothing was written" and
// "byte-identical" mean in tests.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export async function folderBytes(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), (await readFile(file)).toString("base64"));
  }
  return files;
}
