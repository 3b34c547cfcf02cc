// Packer's flags take one dash (`-only=…`, `-var …`, `-force`); ours take two. Node's parser would read
// `-only=x` as the short flags -o -n -l -y and complain about `-o`, so a Packer habit gets an answer
// that names the flag it meant instead.
import { shellQuote } from "../text/shell-quote.ts";

/** What this check needs of a flag's spec (the flags kit's FlagSpec has it). */
interface FlagShape {
  name: string;
  type: "string" | "boolean";
  /** Placeholder shown in help, e.g. FILE. */
  value?: string;
}

/** Packer's names for what ami-matrix calls otherwise. */
const PACKER_NAMES: Readonly<Record<string, string>> = { except: "exclude" };

/** Flags whose value is never echoed back: a variable's value may be a secret. */
const QUIET_VALUES = new Set(["var"]);

export function singleDashMistake(
  specs: readonly FlagShape[],
  rawArgs: readonly string[],
  command: string,
): string | undefined {
  for (const [i, arg] of rawArgs.entries()) {
    if (arg === "--") return undefined;
    if (takesValue(specs, rawArgs[i - 1])) continue;
    const match = /^-([a-z][a-z0-9-]+)(?:=([\s\S]*))?$/i.exec(arg);
    if (!match?.[1]) continue;
    const written = match[1];
    const spec = specs.find((s) => s.name === (PACKER_NAMES[written] ?? written));
    if (!spec) {
      return `${arg.split("=")[0]} is not an option: ami-matrix's options take two dashes. Run \`${command} --help\` to see them.`;
    }
    if (spec.type === "boolean") return `${arg}: did you mean --${spec.name}?`;
    // `-only=x` or Packer's `-only x`.
    const value = match[2] ?? rawArgs[i + 1];
    const shown =
      value === undefined
        ? (spec.value ?? "VALUE")
        : QUIET_VALUES.has(spec.name)
          ? `${value.split("=")[0]}=VALUE`
          : shellQuote(value);
    return `${QUIET_VALUES.has(spec.name) ? `-${written}` : arg}: did you mean --${spec.name} ${shown}?`;
  }
  return undefined;
}

// `--matrix -odd-name`: the word after a flag that takes a value is that value, whatever it looks like.
function takesValue(specs: readonly FlagShape[], previous: string | undefined): boolean {
  const name = /^--([^=]+)$/.exec(previous ?? "")?.[1];
  return specs.some((spec) => spec.name === name && spec.type === "string");
}
