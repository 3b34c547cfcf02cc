// The flags of a bench that takes only whole numbers: parsed, `--help` answered, each number checked,
// so each bench says what it takes and nothing else.
import { parseArgs } from "node:util";

export interface WholeNumberFlag {
  default: number;
  /** Smallest value allowed; any whole number when absent. */
  min?: number;
}

/** The values by flag name, or the exit code when the bench should stop (0 after --help, 2 on a bad value). */
export function benchArgs<K extends string>({
  bench,
  help,
  flags,
  args = process.argv.slice(2),
}: {
  bench: string;
  help: string;
  flags: Record<K, WholeNumberFlag>;
  args?: string[];
}): Record<K, number> | number {
  const names = Object.keys(flags) as K[];
  const { values } = parseArgs({
    args,
    options: {
      ...Object.fromEntries(names.map((name) => [name, { type: "string" as const }])),
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const result = {} as Record<K, number>;
  for (const name of names) {
    const { default: fallback, min } = flags[name];
    const given = (values as Record<string, string | boolean | undefined>)[name];
    const value = typeof given === "string" ? Number(given) : fallback;
    if (!Number.isInteger(value) || (min !== undefined && value < min)) {
      console.error(
        `${bench}: --${name} takes a whole number${min === undefined ? "" : ` ≥ ${min}`}, got ${given}`,
      );
      return 2;
    }
    result[name] = value;
  }
  return result;
}
