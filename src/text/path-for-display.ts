import path from "node:path";

// Reports and tables are read from the project folder, where short relative paths can be pasted as is;
// a path outside the base stays absolute rather than becoming a fragile `../../..` chain.
export function pathForDisplay(file: string, baseDir: string | undefined): string {
  if (file === "" || baseDir === undefined || !path.isAbsolute(file)) return file;
  const relative = path.relative(baseDir, file);
  if (relative === "") return ".";
  if (relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return file;
  }
  return relative.split(path.sep).join("/");
}
