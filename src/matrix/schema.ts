// The shape of a matrix file; meaning (known regions, matches, collisions) is checked by the rules.
import { z } from "zod";
import { LIMIT_RANGES } from "../model/run-limits.ts";
import { launchShape } from "./launch-schema.ts";

const rangeOf = ({ min, max }: { min: number; max: number }) => z.number().int().min(min).max(max);

const nonEmpty = z.string().min(1, "must not be empty");

// A file the project keeps under packer/ (as scripts are named): relative, and never leaving the folder.
const insidePacker = nonEmpty.refine(
  (file) => !file.startsWith("/") && !file.split(/[\\/]/).some((part) => part === ".."),
  "must be a path inside the project's packer/ folder, such as secrets/license",
);

export const SourceAmiSchema = z.strictObject({
  owners: z.array(nonEmpty).min(1, "list at least one owner").optional(),
  name: nonEmpty.optional(),
  architecture: nonEmpty.optional(),
  /** Deprecated images (past their deprecation time) are left out of EC2's listings unless asked for. */
  includeDeprecated: z.boolean().optional(),
});

const settingsShape = {
  instanceType: nonEmpty.optional(),
  sourceAmi: SourceAmiSchema.optional(),
  template: nonEmpty.optional(),
  scripts: z.array(nonEmpty).optional(),
  variables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).optional(),
  amiName: nonEmpty.optional(),
  amiListPath: nonEmpty.optional(),
  amiGroups: z.array(nonEmpty).optional(),
  amiUsers: z.array(z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id")).optional(),
  /** An image this one builds on: its cells start from that image's AMI in the same region and virtualization. */
  from: nonEmpty.optional(),
  /** Files the cells need, under packer/; without any of them the cells are skipped, not failed. */
  requiresFiles: z.array(insidePacker).optional(),
  ...launchShape,
};

export const SettingsSchema = z.strictObject(settingsShape);

const cellKeys = {
  image: nonEmpty.optional(),
  virtualization: nonEmpty.optional(),
  region: nonEmpty.optional(),
};

export const IncludeSchema = z.strictObject({ ...cellKeys, ...settingsShape });
export const ExcludeSchema = z.strictObject(cellKeys);

export const MatrixSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional(),
  axes: z.strictObject({
    image: z.array(z.string()),
    virtualization: z.array(z.string()),
    region: z.array(z.string()),
  }),
  defaults: SettingsSchema.optional(),
  image: z.record(z.string(), SettingsSchema).optional(),
  virtualization: z.record(z.string(), SettingsSchema).optional(),
  region: z.record(z.string(), SettingsSchema).optional(),
  include: z.array(IncludeSchema).optional(),
  exclude: z.array(ExcludeSchema).optional(),
  /** `build` every cell with Packer (the default), or `copy`: build once per image and virtualization
   * in the home region, then copy the AMI to the other regions. */
  strategy: z.enum(["build", "copy"]).optional(),
  /** Where the copy strategy builds; default the first region of the axis. */
  homeRegion: nonEmpty.optional(),
  limits: z
    .strictObject({
      concurrency: rangeOf(LIMIT_RANGES.concurrency).optional(),
      regionConcurrency: rangeOf(LIMIT_RANGES.regionConcurrency).optional(),
    })
    .optional(),
});

export type Matrix = z.infer<typeof MatrixSchema>;
export type Settings = z.infer<typeof SettingsSchema>;
export type Include = z.infer<typeof IncludeSchema>;
export type Exclude = z.infer<typeof ExcludeSchema>;
export type AxisName = keyof Matrix["axes"];
export const AXIS_NAMES: readonly AxisName[] = ["image", "virtualization", "region"];
