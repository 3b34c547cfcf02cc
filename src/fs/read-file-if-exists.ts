import * as nodeFs from "node:fs/promises";

export type ReadFs = Pick<typeof nodeFs, "readFile">;

// A file that is not there yet is a normal state (first run), not an error.
export async function readFileIfExists(
  file: string,
  { fs = nodeFs }: { fs?: ReadFs } = {},
): Promise<string | undefined> {
  try {
    return await fs.readFile(file, "utf8");
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
}
