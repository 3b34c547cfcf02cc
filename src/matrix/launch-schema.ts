// The shape of the settings that say how a build instance is launched: its network and instance
// profile (literal ids, or `var.NAME` for a Packer variable the user sets), its user data, its root
// volume, Spot, and the Packer variables a matrix asks its users for.
import { z } from "zod";

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const VARIABLE_REF = /^var\.[A-Za-z_][A-Za-z0-9_]*$/;
const REF_HINT = 'or "var.NAME" for a Packer variable set with --var or --var-file';

const idOrVariable = (id: RegExp, example: string) =>
  z.string().refine((text) => id.test(text) || VARIABLE_REF.test(text), {
    message: `must be an id such as ${example}, ${REF_HINT}`,
  });

/** EBS types a root volume may have (st1 and sc1 cannot boot). */
export const ROOT_VOLUME_TYPES = ["gp3", "gp2", "io1", "io2", "standard"] as const;

const RootVolumeSchema = z
  .strictObject({
    sizeGb: z.number().int().min(1).max(16_384),
    type: z.enum(ROOT_VOLUME_TYPES).optional(),
    iops: z.number().int().min(100).max(256_000).optional(),
    throughput: z.number().int().min(125).max(1_000).optional(),
    deviceName: z
      .string()
      .regex(/^\/dev\/[a-z0-9]+$/, "must be a device name such as /dev/xvda or /dev/sda1")
      .optional(),
  })
  .refine((volume) => !["io1", "io2"].includes(volume.type ?? "gp3") || volume.iops !== undefined, {
    message: "io1 and io2 volumes need iops",
    path: ["iops"],
  })
  .refine((volume) => (volume.type ?? "gp3") === "gp3" || volume.throughput === undefined, {
    message: "only gp3 volumes take a throughput",
    path: ["throughput"],
  });

const SpotSchema = z.union([
  z.boolean(),
  z.strictObject({
    maxPrice: z
      .string()
      .regex(/^(auto|\d+(\.\d+)?)$/, 'must be "auto" or a price in USD per hour such as "0.60"')
      .optional(),
    instanceTypes: z.array(z.string().min(1)).min(1).optional(),
  }),
]);

const UserVariableSchema = z.strictObject({
  default: z.string().optional(),
  description: z.string().optional(),
  sensitive: z.boolean().optional(),
});

export const launchShape = {
  /** The subnet the build instance starts in; without it, the region's default VPC. */
  subnetId: idOrVariable(/^subnet-[0-9a-f]+$/, "subnet-0123abcd").optional(),
  securityGroupIds: z
    .union([
      z
        .array(
          z.string().regex(/^sg-[0-9a-f]+$/, "must be a security group id such as sg-0123abcd"),
        )
        .min(1),
      z.string().regex(VARIABLE_REF, `must be a list of security group ids, ${REF_HINT}`),
    ])
    .optional(),
  iamInstanceProfile: idOrVariable(/^[\w+=,.@-]{1,128}$/, "gpu-batch-build").optional(),
  /** User data (cloud-init) under packer/, passed to Packer by path as user_data_file. */
  userDataFile: z.string().min(1).optional(),
  rootVolume: RootVolumeSchema.optional(),
  spot: SpotSchema.optional(),
  userVariables: z
    .record(z.string().regex(VARIABLE_NAME, "must be a variable name"), UserVariableSchema)
    .optional(),
  sshUsername: z
    .string()
    .regex(/^[a-z_][a-z0-9_-]*$/, "must be a Linux user name such as ec2-user or ubuntu")
    .optional(),
};

/** `var.NAME` → NAME; anything else is not a variable reference. */
export function variableOfRef(text: string): string | undefined {
  return VARIABLE_REF.test(text) ? text.slice("var.".length) : undefined;
}
