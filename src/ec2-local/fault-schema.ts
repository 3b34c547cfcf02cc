// The shape of ec2-local's fault and account configuration, apart from the checks of what it names.
import { z } from "zod";
import { type AccountConfig, AccountConfigSchema } from "./account-config.ts";

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

const NotImplementedSchema = z
  .object({
    /** Action names (wildcards allowed) answered as an emulator answers what it lacks. */
    actions: z.array(z.string().min(1)).min(1),
    /** `localstack`: InternalFailure, HTTP 501 (the default); `ec2`: InvalidAction, HTTP 400. */
    as: z.enum(["localstack", "ec2"]).optional(),
  })
  .strict();

export const FaultConfigSchema = z
  .object({
    faults: z.array(FaultRuleSchema).optional(),
    /** Extra milliseconds before answering, by action name or `"*"`. */
    latencyMs: z.record(z.string(), z.number().nonnegative()).optional(),
    /** New images (CreateImage, CopyImage, RegisterImage) matching this end `failed`. */
    failImages: FailImagesSchema.optional(),
    /** Leave deprecated images out of DescribeImages listings, as AWS does (the default); false lists them. */
    hideDeprecatedImages: z.boolean().optional(),
    notImplemented: NotImplementedSchema.optional(),
    /** Account settings per region: offerings, public access, allowed images, default VPC. */
    account: AccountConfigSchema.optional(),
  })
  .strict();

export type FaultConfig = z.infer<typeof FaultConfigSchema>;
export type FaultRule = z.infer<typeof FaultRuleSchema>;
export type FailImagesConfig = z.infer<typeof FailImagesSchema>;
export type NotImplementedConfig = z.infer<typeof NotImplementedSchema>;
export type { AccountConfig };
