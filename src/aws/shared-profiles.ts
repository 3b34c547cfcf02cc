// A profile named in AWS_PROFILE that is in neither shared file makes the SDK's chain fail with "Could
// not load credentials from any providers"; this says which profile is missing and where it looked.
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";

export async function missingProfileProblem(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const profile = env.AWS_PROFILE;
  if (!profile || env.AWS_ACCESS_KEY_ID) return undefined;
  const home = env.HOME ?? homedir();
  const files = {
    credentials: env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, ".aws", "credentials"),
    config: env.AWS_CONFIG_FILE ?? path.join(home, ".aws", "config"),
  };
  const [inCredentials, inConfig] = await Promise.all([
    profileNames(files.credentials, { prefixed: false }),
    profileNames(files.config, { prefixed: true }),
  ]);
  const known = new Set([...inCredentials, ...inConfig]);
  if (known.has(profile)) return undefined;
  const listed =
    known.size > 0 ? `profiles there: ${[...known].sort().join(", ")}` : "no profiles there";
  return `AWS profile "${profile}" (from AWS_PROFILE) not found in ${files.credentials} or ${files.config} (${listed}); set AWS_PROFILE to a profile that exists, or create it with \`aws configure --profile ${profile}\``;
}

// Section names of an INI file: `[name]` in the credentials file, `[profile name]` or `[default]` in config.
export function parseProfileNames(text: string, { prefixed }: { prefixed: boolean }): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const section = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line)?.[1];
    if (section === undefined) continue;
    if (!prefixed || section === "default") names.push(section);
    else if (/^profile\s/.test(section)) names.push(section.replace(/^profile\s+/, ""));
  }
  return names;
}

async function profileNames(file: string, options: { prefixed: boolean }): Promise<string[]> {
  const text = await readFile(file, "utf8").catch(() => "");
  return parseProfileNames(text, options);
}
