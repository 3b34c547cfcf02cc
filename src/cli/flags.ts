// Flags as data: one table per command gives both the parser and the --help text.
import { parseArgs } from "node:util";
import { UserError } from "../errors.ts";
import { singleDashMistake } from "./single-dash.ts";

export interface FlagSpec {
  name: string;
  type: "string" | "boolean";
  multiple?: boolean;
  /** Placeholder shown in help, e.g. FILE. */
  value?: string;
  help: string;
  short?: string;
}

/** A number flag's accepted range, checked by numberFlag and shown in its message. */
export interface NumberRange {
  min: number;
  max: number;
  /** Whole numbers only (counts); otherwise plain decimals such as 0.5 (seconds). */
  integer: boolean;
}

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

/** Which matrix, and which of its cells: the same for every command that works on cells. */
export const MATRIX_FLAGS: readonly FlagSpec[] = [
  {
    name: "matrix",
    type: "string",
    value: "FILE",
    help: "matrix file (default: matrix/spark.json in the project)",
  },
  {
    name: "only",
    type: "string",
    multiple: true,
    value: "SELECTOR",
    help: "only these cells: AXIS=V1,V2 or job ids and globs such as 'spark/us-*/hvm'; repeatable",
  },
  {
    name: "exclude",
    type: "string",
    multiple: true,
    value: "SELECTOR",
    help: "leave out these cells (same forms as --only); repeatable",
  },
];

export const HELP_FLAG: FlagSpec = {
  name: "help",
  type: "boolean",
  short: "h",
  help: "show this help",
};

export function parseFlags(
  specs: readonly FlagSpec[],
  rawArgs: readonly string[],
  command: string,
  /** Where a command that takes arguments after its options gets them; others refuse any. */
  positionals?: string[],
): FlagValues {
  const mistake = singleDashMistake(specs, rawArgs, command);
  if (mistake) throw new UserError(mistake);
  try {
    const parsed = parseArgs({
      args: [...rawArgs],
      options: Object.fromEntries(
        specs.map((f) => [
          f.name,
          {
            type: f.type,
            ...(f.multiple ? { multiple: true } : {}),
            ...(f.short ? { short: f.short } : {}),
          },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
    if (positionals) positionals.push(...parsed.positionals);
    else if (parsed.positionals.length > 0) {
      throw new UserError(
        `Unexpected argument "${parsed.positionals[0]}". Run \`${command} --help\` to see the options.`,
      );
    }
    return parsed.values as FlagValues;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `${(error as Error).message}. Run \`${command} --help\` to see the options.`,
      { cause: error },
    );
  }
}

export function stringFlag(values: FlagValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

export function listFlag(values: FlagValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : [];
}

// Plain decimal digits only: `0x10`, `1e9`, ` 8` and `Infinity` are typos, not numbers to guess at.
export function numberFlag(
  values: FlagValues,
  name: string,
  { min, max, integer }: NumberRange,
): number | undefined {
  const text = stringFlag(values, name);
  if (text === undefined) return undefined;
  const shape = integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
  const value = Number(text);
  if (!shape.test(text) || value < min || value > max) {
    throw new UserError(
      `--${name} ${text}: expected ${integer ? "a whole number" : "a number"} from ${min} to ${max}`,
    );
  }
  return value;
}

export function flagHelp(specs: readonly FlagSpec[]): string[] {
  return specs.map((f) => {
    const left = `${f.short ? `-${f.short}, ` : "    "}--${f.name}${f.value ? ` ${f.value}` : ""}`;
    // A flag too long for its column gets its help on the next line rather than running into it.
    return left.length < 31
      ? `  ${left.padEnd(32)}${f.help}`
      : `  ${left}\n${" ".repeat(34)}${f.help}`;
  });
}
