// The templates, scripts and user data files the selected cells name are files of the project's
// packer/ folder.
import { access } from "node:fs/promises";
import path from "node:path";

export async function checkProjectFiles({
  packerDir,
  templates,
  scripts,
  userDataFiles = [],
  matrixName,
}: {
  packerDir: string;
  templates: readonly string[];
  scripts: readonly string[];
  userDataFiles?: readonly string[];
  /** How the matrix file is named in messages. */
  matrixName: string;
}): Promise<string[]> {
  const missing = async (names: readonly string[]) => {
    const absent: string[] = [];
    for (const name of new Set(names)) {
      await access(path.join(packerDir, name)).catch(() => absent.push(name));
    }
    return absent;
  };
  const [noTemplates, noScripts, noUserData] = await Promise.all([
    missing(templates),
    missing(scripts),
    missing(userDataFiles),
  ]);
  return [
    ...noTemplates.map(
      (name) =>
        `${matrixName}: template "${name}" is not in the project's packer/ folder; fix the template setting or add the file`,
    ),
    ...(noScripts.length > 0
      ? [
          `${matrixName}: scripts ${noScripts.map((s) => `"${s}"`).join(", ")} not found in the project's packer/ folder; fix the scripts setting or add the files`,
        ]
      : []),
    ...noUserData.map(
      (name) =>
        `${matrixName}: userDataFile "${name}" is not in the project's packer/ folder; fix the userDataFile setting or add the file`,
    ),
  ];
}
