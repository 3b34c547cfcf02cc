// Pure: what the template writes for a job's launch settings. Literals go through hclValue; a setting
// left to a Packer variable becomes `var.NAME` (names are checked by the matrix schema, so they are
// safe as HCL), and the template declares that variable. A job that uses none of these renders
// exactly as before they existed, so its fingerprint does not move.
import path from "node:path";
import { type FromVariable, isFromVariable, type Job } from "../model/job.ts";
import { hclValue } from "../templates/hcl-value.ts";

/** Stands in for the source image's root device until the source AMI is pinned. */
export const UNKNOWN_ROOT_DEVICE = "/dev/xvda";

/** gp3's baseline, which costs nothing extra; Packer 1.6.6 refuses gp3 without both. */
const GP3_BASELINE = { iops: 3000, throughput: 125 };

export interface VariableDeclaration {
  name: string;
  type: "string" | "list(string)";
  /** HCL: what the variable is when no one sets it (a rehearsal's default VPC, no script input). */
  defaultValue: string;
  description: string;
  sensitive: boolean;
}

export interface LaunchContext {
  declarations: VariableDeclaration[];
  /** HCL expressions, or "" when not set. */
  subnetId: string;
  securityGroupIds: string;
  iamInstanceProfile: string;
  userDataFile: string;
  rootVolume:
    | ""
    | {
        deviceName: string;
        deviceKnown: boolean;
        sizeGb: number;
        type: string;
        iops: string;
        throughput: string;
      };
  /** Spot: `spot_price` and, when it may pick among types, `spot_instance_types`. */
  spotPrice: string;
  spotInstanceTypes: string;
  sshUsername: string;
  /** The shell provisioner's `environment_vars`: the matrix's variables, then the user's. */
  environmentVars: string;
}

export function launchContext({
  job,
  packerDir,
  rootDeviceName,
  environment = [],
}: {
  job: Job;
  packerDir: string;
  /** The pinned source image's root device; absent until it is known. */
  rootDeviceName: string | undefined;
  /** More NAME=VALUE pairs for the scripts (where the files a cell requires were uploaded). */
  environment?: readonly string[];
}): LaunchContext {
  const declarations: VariableDeclaration[] = [];
  const expression = (
    value: string | string[] | FromVariable | undefined,
    what: { type: VariableDeclaration["type"]; description: string },
  ): string => {
    if (value === undefined) return "";
    if (!isFromVariable(value)) return hclValue(value);
    declare({
      name: value.variable,
      type: what.type,
      defaultValue: what.type === "string" ? '""' : "[]",
      description: what.description,
      sensitive: false,
    });
    return `var.${value.variable}`;
  };
  const declare = (declaration: VariableDeclaration) => {
    if (!declarations.some((d) => d.name === declaration.name)) declarations.push(declaration);
  };
  const subnetId = expression(job.subnetId, {
    type: "string",
    description: "The subnet of the build instance; empty: the default VPC.",
  });
  const securityGroupIds = expression(job.securityGroupIds, {
    type: "list(string)",
    description: "Security groups of the build instance; empty: a temporary one opening SSH.",
  });
  const iamInstanceProfile = expression(job.iamInstanceProfile, {
    type: "string",
    description: "Instance profile of the build instance; empty: none.",
  });
  for (const variable of job.userVariables ?? [])
    declare({
      name: variable.name,
      type: "string",
      defaultValue: hclValue(variable.default ?? ""),
      description: variable.description ?? `Set with --var ${variable.name}=… or a --var-file.`,
      sensitive: variable.sensitive,
    });
  const spot = job.spot;
  return {
    declarations,
    subnetId,
    securityGroupIds,
    iamInstanceProfile,
    userDataFile: job.userDataFile ? hclValue(path.join(packerDir, job.userDataFile)) : "",
    rootVolume: rootVolumeOf(job, rootDeviceName),
    spotPrice: spot ? hclValue(spot.maxPrice) : "",
    spotInstanceTypes:
      spot && spot.instanceTypes.length > 0
        ? hclValue([...new Set([job.instanceType, ...spot.instanceTypes])])
        : "",
    sshUsername: job.sshUsername,
    environmentVars: environmentVars(job, environment),
  };
}

function rootVolumeOf(job: Job, rootDeviceName: string | undefined): LaunchContext["rootVolume"] {
  const volume = job.rootVolume;
  if (!volume) return "";
  const gp3 = volume.type === "gp3";
  const iops = volume.iops ?? (gp3 ? GP3_BASELINE.iops : undefined);
  const throughput = volume.throughput ?? (gp3 ? GP3_BASELINE.throughput : undefined);
  const deviceName = volume.deviceName ?? rootDeviceName;
  return {
    deviceName: deviceName ?? UNKNOWN_ROOT_DEVICE,
    deviceKnown: deviceName !== undefined,
    sizeGb: volume.sizeGb,
    type: volume.type,
    iops: iops === undefined ? "" : String(iops),
    throughput: throughput === undefined ? "" : String(throughput),
  };
}

// Literal values stay literals; each user variable reaches the scripts as NAME in upper case.
function environmentVars(job: Job, environment: readonly string[]): string {
  const literals = [
    ...Object.entries(job.variables).map(([name, value]) => `${name.toUpperCase()}=${value}`),
    ...environment,
  ];
  const fromUser = (job.userVariables ?? []).map(
    (variable) => `"${variable.name.toUpperCase()}=\${var.${variable.name}}"`,
  );
  if (fromUser.length === 0) return hclValue(literals);
  return `[${[...literals.map((literal) => hclValue(literal)), ...fromUser].join(", ")}]`;
}
