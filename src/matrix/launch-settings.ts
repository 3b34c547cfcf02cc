// Pure: a cell's merged launch settings as the job carries them, `var.NAME` references made explicit
// and Spot's shorthand (`true`) spelled out.
import type { FromVariable, Job, SpotRequest } from "../model/job.ts";
import { variableOfRef } from "./launch-schema.ts";
import type { Settings } from "./schema.ts";

type LaunchFields = Pick<
  Job,
  | "subnetId"
  | "securityGroupIds"
  | "iamInstanceProfile"
  | "userDataFile"
  | "rootVolume"
  | "spot"
  | "userVariables"
>;

export function launchFields(settings: Settings): LaunchFields {
  const fields: LaunchFields = {};
  if (settings.subnetId) fields.subnetId = idOrVariable(settings.subnetId);
  if (settings.securityGroupIds)
    fields.securityGroupIds =
      typeof settings.securityGroupIds === "string"
        ? { variable: variableOfRef(settings.securityGroupIds) ?? settings.securityGroupIds }
        : [...settings.securityGroupIds];
  if (settings.iamInstanceProfile)
    fields.iamInstanceProfile = idOrVariable(settings.iamInstanceProfile);
  if (settings.userDataFile) fields.userDataFile = settings.userDataFile;
  if (settings.rootVolume) {
    const { sizeGb, type, iops, throughput, deviceName } = settings.rootVolume;
    fields.rootVolume = {
      sizeGb,
      type: type ?? "gp3",
      ...(iops !== undefined ? { iops } : {}),
      ...(throughput !== undefined ? { throughput } : {}),
      ...(deviceName !== undefined ? { deviceName } : {}),
    };
  }
  const spot = spotRequest(settings.spot);
  if (spot) fields.spot = spot;
  if (settings.userVariables && Object.keys(settings.userVariables).length > 0)
    fields.userVariables = Object.entries(settings.userVariables).map(([name, declared]) => ({
      name,
      ...(declared.default !== undefined ? { default: declared.default } : {}),
      ...(declared.description !== undefined ? { description: declared.description } : {}),
      sensitive: declared.sensitive === true,
    }));
  return fields;
}

/** `true` (or `{}`): Spot at most at the on-demand price; `false` or absent: on-demand. */
export function spotRequest(spot: Settings["spot"]): SpotRequest | undefined {
  if (spot === undefined || spot === false) return undefined;
  if (spot === true) return { maxPrice: "auto", instanceTypes: [] };
  return { maxPrice: spot.maxPrice ?? "auto", instanceTypes: spot.instanceTypes ?? [] };
}

function idOrVariable(text: string): string | FromVariable {
  const variable = variableOfRef(text);
  return variable === undefined ? text : { variable };
}
