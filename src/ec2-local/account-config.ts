// The account settings a rehearsal can switch on, region by region, as a real account may have them.
import { z } from "zod";

/** Absent: every region served. */
const Regions = z.array(z.string().min(1)).min(1).optional();

const IMAGE_PROVIDER = /^(amazon|aws-marketplace|aws-backup-vault|none|\d{12})$/;

const ImageCriterionSchema = z
  .object({
    /** `amazon` (Amazon and verified providers), `aws-marketplace`, `aws-backup-vault`, `none`, or account ids. */
    imageProviders: z
      .array(
        z.string().regex(IMAGE_PROVIDER, {
          message:
            "expected amazon, aws-marketplace, aws-backup-vault, none or a 12-digit account id",
        }),
      )
      .min(1)
      .optional(),
    /** AMI name patterns with `*`/`?` wildcards. */
    imageNames: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .refine((criterion) => criterion.imageProviders || criterion.imageNames, {
    message: "give imageProviders or imageNames",
  })
  .refine(
    (criterion) =>
      !criterion.imageProviders?.includes("none") || criterion.imageProviders.length === 1,
    { message: "`none` cannot be combined with other image providers" },
  );

export const AccountConfigSchema = z
  .object({
    /** Instance types (wildcards allowed) that DescribeInstanceTypeOfferings leaves out and RunInstances refuses. */
    instanceTypesNotOffered: z
      .array(
        z.object({ instanceTypes: z.array(z.string().min(1)).min(1), regions: Regions }).strict(),
      )
      .optional(),
    /** Block public access for AMIs: `block-new-sharing` refuses making an AMI public. */
    imageBlockPublicAccess: z
      .object({ state: z.enum(["unblocked", "block-new-sharing"]), regions: Regions })
      .strict()
      .optional(),
    /** Allowed AMIs: `enabled` hides and refuses images outside the criteria; `audit-mode` only marks them. */
    allowedImages: z
      .object({
        state: z.enum(["disabled", "enabled", "audit-mode"]),
        imageCriteria: z.array(ImageCriterionSchema).max(10).optional(),
        regions: Regions,
      })
      .strict()
      .optional(),
    /** Regions whose default VPC was deleted. */
    noDefaultVpc: z
      .object({ regions: z.array(z.string().min(1)).min(1) })
      .strict()
      .optional(),
  })
  .strict();

export type AccountConfig = z.infer<typeof AccountConfigSchema>;
export type ImageCriterion = z.infer<typeof ImageCriterionSchema>;
export type AllowedImagesState = "disabled" | "enabled" | "audit-mode";
