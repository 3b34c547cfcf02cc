// A user data file is checked before any instance is paid for: EC2 refuses user data over 16 KB, and
// cloud-init silently ignores a file it does not recognise by its first line, so a build would wait
// for a cloud-init that never did anything.
import { readFile } from "node:fs/promises";
import path from "node:path";

/** EC2's limit on user data, before base64 encoding. */
export const USER_DATA_LIMIT_BYTES = 16 * 1024;

/** First lines cloud-init acts on (user data formats), and gzip's magic bytes. */
const KNOWN_STARTS = [
  "#cloud-config",
  "#!",
  "#include",
  "#cloud-boothook",
  "#part-handler",
  "## template: jinja",
  "Content-Type:",
  "MIME-Version:",
];

export async function checkUserData({
  packerDir,
  files,
}: {
  packerDir: string;
  /** Relative to packerDir, without repeats; missing files are check-project-files' to report. */
  files: readonly string[];
}): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    const content = await readFile(path.join(packerDir, file)).catch(() => undefined);
    if (content === undefined) continue;
    if (content.length > USER_DATA_LIMIT_BYTES)
      problems.push(
        `packer/${file} is ${content.length} bytes; EC2 takes at most ${USER_DATA_LIMIT_BYTES} bytes of user data: move what it installs into a provisioning script, or gzip it`,
      );
    const gzip = content[0] === 0x1f && content[1] === 0x8b;
    const text = content.subarray(0, 64).toString("utf8");
    if (!gzip && !KNOWN_STARTS.some((start) => text.startsWith(start)))
      problems.push(
        `packer/${file} does not start with a line cloud-init acts on (#cloud-config, #! for a script, #include, Content-Type: for MIME parts…), so cloud-init would ignore it; add the header`,
      );
  }
  return problems;
}
