// Fault injection and account settings are configured by data (an object or a JSON file), checked once
// with every problem listed: the shape here, then what the rules name (actions, regions, instance types).
import { ACTION_NAMES } from "./action-names.ts";
import { type FaultConfig, FaultConfigSchema } from "./fault-schema.ts";
import { checkFaultTargets } from "./fault-targets.ts";
import { COMMERCIAL_REGIONS } from "./regions.ts";

export {
  type AccountConfig,
  type FailImagesConfig,
  type FaultConfig,
  FaultConfigSchema,
  type FaultRule,
  type NotImplementedConfig,
} from "./fault-schema.ts";

export class FaultConfigError extends Error {
  constructor(source: string, issues: readonly string[]) {
    super(
      `Found issues in the fault configuration (${source}):\n${issues.map((i) => `  - ${i}`).join("\n")}`,
    );
    this.name = "FaultConfigError";
  }
}

/**
 * The configuration, checked: its shape, then that every action, region and instance type it names
 * exists (a typo would otherwise silently never fire). `regions` are the regions served.
 */
export function parseFaultConfig(
  input: unknown,
  source = "faults",
  regions: readonly string[] = COMMERCIAL_REGIONS,
): FaultConfig {
  const result = FaultConfigSchema.safeParse(input);
  if (!result.success) {
    throw new FaultConfigError(
      source,
      result.error.issues.map(
        (issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`,
      ),
    );
  }
  const issues = checkFaultTargets({ config: result.data, regions, actions: ACTION_NAMES });
  if (issues.length > 0) throw new FaultConfigError(source, issues);
  return result.data;
}
