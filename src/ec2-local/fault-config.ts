// Fault injection is configured by data (an object or a JSON file), checked once with every problem listed.
import { z } from "zod";
import { matchesWildcard } from "./filters.ts";

const FaultRuleSchema = z
  .object({
    /** Action name; `*` and `?` wildcards allowed (`"*"` is every action). */
    action: z.string().min(1),
    code: z.string().min(1),
    /** HTTP status; defaults to the one EC2 uses for the code (400 for most). */
    status: z.number().int().min(400).max(599).optional(),
    message: z.string().optional(),
    /** Fail only the first N matching calls (counted across regions). */
    first: z.number().int().positive().optional(),
    /** Fail this share of matching calls, pseudo-randomly but reproducibly from the seed. */
    fraction: z.number().min(0).max(1).optional(),
    regions: z.array(z.string().min(1)).optional(),
  })
  .strict()
  .refine((rule) => rule.first === undefined || rule.fraction === undefined, {
    message: "give `first` or `fraction`, not both",
  });

const FailImagesSchema = z
  .object({
    regions: z.array(z.string().min(1)).optional(),
    /** AMI name patterns with `*`/`?` wildcards. */
    names: z.array(z.string().min(1)).optional(),
    fraction: z.number().min(0).max(1).optional(),
  })
  .strict();

export const FaultConfigSchema = z
  .object({
    faults: z.array(FaultRuleSchema).optional(),
    /** Extra milliseconds before answering, by action name or `"*"`. */
    latencyMs: z.record(z.string(), z.number().nonnegative()).optional(),
    /** New images (CreateImage, CopyImage, RegisterImage) matching this end `failed`. */
    failImages: FailImagesSchema.optional(),
  })
  .strict();

export type FaultConfig = z.infer<typeof FaultConfigSchema>;
export type FaultRule = z.infer<typeof FaultRuleSchema>;
export type FailImagesConfig = z.infer<typeof FailImagesSchema>;

export class FaultConfigError extends Error {
  constructor(source: string, issues: readonly string[]) {
    super(
      `Found issues in the fault configuration (${source}):\n${issues.map((i) => `  - ${i}`).join("\n")}`,
    );
    this.name = "FaultConfigError";
  }
}

export function parseFaultConfig(input: unknown, source = "faults"): FaultConfig {
  const result = FaultConfigSchema.safeParse(input);
  if (result.success) return result.data;
  throw new FaultConfigError(
    source,
    result.error.issues.map(
      (issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`,
    ),
  );
}

// A rule naming a region or action the server never sees would silently never fire.
export function checkFaultTargets(options: {
  config: FaultConfig;
  regions: readonly string[];
  actions: readonly string[];
  source?: string;
}): void {
  const { config, regions, actions, source = "faults" } = options;
  const issues: string[] = [];
  const checkRegions = (path: string, listed: readonly string[] | undefined) => {
    for (const region of listed ?? []) {
      if (!regions.includes(region)) {
        issues.push(`${path}: region '${region}' is not served (serving: ${regions.join(", ")})`);
      }
    }
  };
  (config.faults ?? []).forEach((rule, index) => {
    if (!actions.some((action) => matchesWildcard(rule.action, action))) {
      issues.push(`faults.${index}.action: '${rule.action}' matches no action ec2-local answers`);
    }
    checkRegions(`faults.${index}.regions`, rule.regions);
  });
  checkRegions("failImages.regions", config.failImages?.regions);
  if (issues.length > 0) throw new FaultConfigError(source, issues);
}
