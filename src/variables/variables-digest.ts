// Pure: what the --var and --var-file values add to each cell's fingerprint, so a night with other
// values rebuilds rather than keeping AMIs built with the old ones. The fingerprint's inputs are
// committed in the AMI list's index, so a secret's value never goes in, not even as a digest (a short
// password's digest can be guessed): a secret variable counts by its name alone, and changing only its
// value needs --force.
import { digest } from "../plan/fingerprint.ts";
import type { PackerVariables } from "./packer-variables.ts";

export function variablesDigest(
  variables: PackerVariables,
  isSecret: (name: string) => boolean,
): string | undefined {
  if (variables.vars.length === 0 && variables.files.length === 0) return undefined;
  const value = (name: string, values: readonly string[]) =>
    isSecret(name) ? "(secret)" : digest(JSON.stringify(values));
  return digest(
    JSON.stringify({
      vars: variables.vars.map((v) => [v.name, value(v.name, [v.value])]),
      // In order: a later file wins. By content, never by path, so a laptop and a runner agree.
      files: variables.files.map((file) =>
        file.entries.map((entry) => [entry.name, value(entry.name, entry.values)]),
      ),
    }),
  );
}
