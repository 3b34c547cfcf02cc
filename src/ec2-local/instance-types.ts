// EC2 refuses to launch an image on an instance type that cannot run it; the matrix is exactly where that bites.
import { Ec2Error, invalidParameterValue } from "./ec2-error.ts";
import { architectureOf, familyOf, isKnownInstanceType } from "./instance-catalogue.ts";
import type { VirtualizationType } from "./model.ts";

/** Previous-generation families that can run paravirtual images. */
const PV_FAMILIES = ["t1", "m1", "m2", "m3", "c1", "c3", "hi1", "hs1"];

/** Families too old for HVM images. */
const PV_ONLY_FAMILIES = ["t1", "m1", "m2", "c1"];

export function checkInstanceType(options: {
  instanceType: string;
  virtualizationType: VirtualizationType;
  architecture: string;
}): void {
  const { instanceType, virtualizationType, architecture } = options;
  if (!isKnownInstanceType(instanceType)) {
    throw invalidParameterValue(`Invalid value '${instanceType}' for InstanceType.`);
  }
  const family = familyOf(instanceType);
  if (virtualizationType === "paravirtual" && !PV_FAMILIES.includes(family)) {
    throw new Ec2Error(
      "InvalidParameterCombination",
      `Virtualization type 'hvm' is required for instances of type '${instanceType}'.`,
    );
  }
  if (virtualizationType === "hvm" && PV_ONLY_FAMILIES.includes(family)) {
    throw new Ec2Error(
      "InvalidParameterCombination",
      `Non-Windows instances with a virtualization type of 'hvm' are currently not supported for this instance type (${instanceType}).`,
    );
  }
  const typeArchitecture = architectureOf(instanceType);
  if (typeArchitecture !== architecture) {
    throw invalidParameterValue(
      `The architecture '${typeArchitecture}' of the specified instance type does not match the architecture '${architecture}' of the specified AMI.`,
    );
  }
}
