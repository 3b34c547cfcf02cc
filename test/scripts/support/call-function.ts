// Calls one function of a provisioning script in real bash: the script is sourced (its main guard keeps
// the provisioning itself from running) and only the function runs, with the arguments given.
import path from "node:path";
import { execa } from "execa";

export const SCRIPTS_DIR = path.join(import.meta.dirname, "..", "..", "..", "packer", "scripts");

export interface FunctionResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function callFunction(
  script: string,
  fn: string,
  args: readonly string[],
): Promise<FunctionResult> {
  // $0 must differ from the script's path, or its guard would run main.
  const result = await execa(
    "bash",
    ["-c", 'source "$1"; shift; "$@"', "test", path.join(SCRIPTS_DIR, script), fn, ...args],
    { reject: false, env: { LC_ALL: "C" } },
  );
  return { code: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}
