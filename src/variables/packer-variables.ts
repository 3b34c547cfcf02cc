// Pure: the variables a user gives the templates (`--var NAME=VALUE`, `--var-file FILE`), what Packer
// gets of them, which of their values are secret, and how a plan shows them. Values never go into
// Packer's arguments: a --var travels in its environment as PKR_VAR_NAME, which Packer reads for every
// variable a template declares (and ignores for any other), and a var file is passed by its path.
import { ProblemsError, UserError } from "../errors.ts";
import { AMI_NAME_VARIABLE, SOURCE_AMI_VARIABLE } from "../plan/packer-command.ts";
import { MASK } from "../secrets/mask-secrets.ts";
import { isSecretName } from "../secrets/secret-values.ts";
import { closestMatch } from "../text/closest-match.ts";
import type { DeclaredVariables } from "./declared-variables.ts";
import type { VarFileEntry } from "./var-file-entries.ts";

export interface VarFlag {
  name: string;
  value: string;
}

export interface VarFile {
  /** Absolute: Packer runs in each job's folder. */
  path: string;
  /** As the user typed it, for messages. */
  shown: string;
  entries: VarFileEntry[];
}

export interface PackerVariables {
  /** One per name; a later --var for the same name wins, as in Packer. */
  vars: VarFlag[];
  files: VarFile[];
}

export const NO_VARIABLES: PackerVariables = { vars: [], files: [] };

/** Packer's environment prefix for a variable's value. */
export const PKR_VAR_PREFIX = "PKR_VAR_";

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Variables ami-matrix passes itself (as -var, which beats anything a user sets), and what to do instead. */
const RESERVED: Readonly<Record<string, string>> = {
  [AMI_NAME_VARIABLE]: `one name per attempt (<name>-<run id>-aN); change amiName in the matrix instead`,
  [SOURCE_AMI_VARIABLE]: `for a cell built on another image (from), that image's AMI of this run; change sourceAmi or from in the matrix instead`,
};

function reservedMessage(name: string, what: string): string | undefined {
  const why = RESERVED[name];
  return why === undefined ? undefined : `${what} ${name}: ami-matrix sets ${name} itself, ${why}.`;
}

export function parseVarFlags(texts: readonly string[]): VarFlag[] {
  const vars = new Map<string, string>();
  for (const text of texts) {
    const at = text.indexOf("=");
    // The text after `=` may be a secret: a message shows the name only.
    if (at < 0)
      throw new UserError(`--var ${text}: expected NAME=VALUE, e.g. --var region_tag=nightly.`);
    const name = text.slice(0, at);
    if (!NAME.test(name)) {
      throw new UserError(
        `--var ${name}=…: ${name === "" ? "the name is missing" : `"${name}" is not a variable name`}; expected NAME=VALUE, NAME being letters, digits, _ and -, starting with a letter or _.`,
      );
    }
    const reserved = reservedMessage(name, "--var");
    if (reserved) throw new UserError(reserved);
    vars.delete(name);
    vars.set(name, text.slice(at + 1));
  }
  return [...vars].map(([name, value]) => ({ name, value }));
}

/** What Packer's environment gets: PKR_VAR_NAME per --var. */
export function variablesEnv(variables: PackerVariables): Record<string, string> {
  return Object.fromEntries(variables.vars.map((v) => [`${PKR_VAR_PREFIX}${v.name}`, v.value]));
}

// Once the templates are rendered: every --var names a variable some template declares, and no name is
// set in two places whose order Packer would decide against the command line's (a var file beats the
// environment, and its ami_name or source_ami would lose to ami-matrix's -var).
export function checkVariables(variables: PackerVariables, declared: DeclaredVariables): void {
  const problems: string[] = [];
  const names = [...declared.keys()];
  for (const { name } of variables.vars) {
    if (declared.has(name)) continue;
    const near = closestMatch(name, names);
    problems.push(
      `--var ${name}: no template of this run declares a variable "${name}"${near ? ` (did you mean ${near}?)` : ""}; Packer would ignore it. Declare it in the template (variable "${name}" { type = string }) or leave it out.`,
    );
  }
  for (const file of variables.files) {
    for (const { name } of file.entries) {
      const reserved = reservedMessage(name, `--var-file ${file.shown} sets`);
      if (reserved) problems.push(reserved);
      else if (variables.vars.some((v) => v.name === name))
        problems.push(
          `--var ${name} is also set in --var-file ${file.shown}, and Packer would take the file's value (it reads --var from its environment, which a var file overrides); set it in one place.`,
        );
    }
  }
  if (problems.length > 0)
    throw new ProblemsError({
      problems,
      headline: (n) => `The variables given have ${n}; nothing was started`,
    });
}

// Values to mask: those of variables declared sensitive and those whose names look secret, whether
// they come from --var, a var file or a PKR_VAR_ variable of the environment.
export function sensitiveValues({
  variables,
  declared,
  env,
}: {
  variables: PackerVariables;
  declared: DeclaredVariables;
  env: NodeJS.ProcessEnv;
}): string[] {
  const secret = (name: string) => isSecretName(name) || declared.get(name)?.sensitive === true;
  return [
    ...variables.vars.filter((v) => secret(v.name)).map((v) => v.value),
    ...variables.files.flatMap((file) =>
      file.entries.filter((entry) => secret(entry.name)).flatMap((entry) => entry.values),
    ),
    ...Object.entries(env).flatMap(([key, value]) =>
      key.startsWith(PKR_VAR_PREFIX) &&
      value !== undefined &&
      secret(key.slice(PKR_VAR_PREFIX.length))
        ? [value]
        : [],
    ),
  ];
}

/** For the plan: `--var NAME=VALUE` (the value masked when secret) and each var file's names. */
export function describeVariables(
  variables: PackerVariables,
  declared: DeclaredVariables,
): { vars: VarFlag[]; files: { file: string; names: string[] }[] } {
  const secret = (name: string) => isSecretName(name) || declared.get(name)?.sensitive === true;
  return {
    vars: variables.vars.map((v) => ({ name: v.name, value: secret(v.name) ? MASK : v.value })),
    files: variables.files.map((file) => ({
      file: file.path,
      names: file.entries.map((entry) => entry.name),
    })),
  };
}
