// Launch permissions make an AMI public (`ami_groups = ["all"]`) or shared (`ami_users`), unless the
// account blocks public sharing.

import type { RegionAccount } from "./account-settings.ts";
import { isAccountId } from "./accounts.ts";
import type { ActionHandler } from "./action-context.ts";
import { Ec2Error } from "./ec2-error.ts";
import { imageBlockDevicesXml } from "./image-xml.ts";
import { findOwnImage } from "./lookups.ts";
import type { Image } from "./model.ts";
import type { QueryParams } from "./query-params.ts";
import type { XmlFields } from "./xml.ts";

interface PermissionChange {
  groups: string[];
  userIds: string[];
}

// Both request styles: `LaunchPermission.Add.N.Group` (SDKs today) and `OperationType` + `UserGroup.N`.
function launchPermissionChanges(params: QueryParams): {
  add: PermissionChange;
  remove: PermissionChange;
} {
  const read = (prefix: string): PermissionChange => {
    const items = params.structs(prefix);
    return {
      groups: items.flatMap((item) => item.get("Group") ?? []),
      userIds: items.flatMap((item) => item.get("UserId") ?? []),
    };
  };
  const add = read("LaunchPermission.Add");
  const remove = read("LaunchPermission.Remove");
  const operation = params.get("OperationType");
  if (operation !== undefined) {
    if (operation !== "add" && operation !== "remove") {
      throw new Ec2Error("InvalidParameterValue", `Invalid OperationType '${operation}'`);
    }
    const target = operation === "add" ? add : remove;
    target.groups.push(...params.list("UserGroup"));
    target.userIds.push(...params.list("UserId"));
  }
  return { add, remove };
}

function checkChange(change: PermissionChange): void {
  for (const group of change.groups) {
    if (group !== "all") {
      throw new Ec2Error(
        "InvalidAMIAttributeItemValue",
        `Invalid attribute item value "${group}" for group`,
      );
    }
  }
  for (const userId of change.userIds) {
    if (!isAccountId(userId)) {
      throw new Ec2Error(
        "InvalidAMIAttributeItemValue",
        `Invalid attribute item value "${userId}" for userId`,
      );
    }
  }
}

// Block public access for AMIs refuses any attempt to make an AMI public (existing public AMIs stay).
function checkPublicSharing(change: PermissionChange, account: RegionAccount): void {
  if (
    change.groups.includes("all") &&
    account.imageBlockPublicAccessState === "block-new-sharing"
  ) {
    throw new Ec2Error(
      "OperationNotPermitted",
      "You can't publicly share this image because block public access for AMIs is enabled for this account. To share it publicly, call DisableImageBlockPublicAccess first.",
    );
  }
}

function modifyLaunchPermission(options: {
  image: Image;
  params: QueryParams;
  account: RegionAccount;
}): boolean {
  const { image, params, account } = options;
  const { add, remove } = launchPermissionChanges(params);
  if (add.groups.length + add.userIds.length + remove.groups.length + remove.userIds.length === 0) {
    return false;
  }
  checkChange(add);
  checkChange(remove);
  checkPublicSharing(add, account);
  for (const group of add.groups) image.launchPermission.groups.add(group);
  for (const userId of add.userIds) image.launchPermission.userIds.add(userId);
  for (const group of remove.groups) image.launchPermission.groups.delete(group);
  for (const userId of remove.userIds) image.launchPermission.userIds.delete(userId);
  return true;
}

export const modifyImageAttribute: ActionHandler = ({ params, state, account }) => {
  const image = findOwnImage(state, params.required("ImageId"));
  const changedPermissions = modifyLaunchPermission({ image, params, account });
  const description =
    params.get("Description.Value") ??
    (params.get("Attribute") === "description" ? params.get("Value") : undefined);
  if (description !== undefined) image.description = description;
  if (!changedPermissions && description === undefined) {
    throw new Ec2Error("MissingParameter", "No attribute to modify was given");
  }
  return {};
};

function launchPermissionXml(image: Image): XmlFields[] {
  return [
    ...[...image.launchPermission.groups].map((group) => ({ group })),
    ...[...image.launchPermission.userIds].map((userId) => ({ userId })),
  ];
}

const ATTRIBUTES: Record<string, (image: Image) => XmlFields> = {
  launchPermission: (image) => ({ launchPermission: launchPermissionXml(image) }),
  description: (image) => ({ description: { value: image.description } }),
  blockDeviceMapping: (image) => ({ blockDeviceMapping: imageBlockDevicesXml(image) }),
  kernel: (image) => ({ kernel: { value: image.kernelId } }),
  ramdisk: () => ({ ramdisk: {} }),
  sriovNetSupport: (image) => ({ sriovNetSupport: { value: image.sriovNetSupport } }),
  productCodes: () => ({ productCodes: [] }),
};

export const describeImageAttribute: ActionHandler = ({ params, state }) => {
  const image = findOwnImage(state, params.required("ImageId"));
  const attribute = params.required("Attribute");
  const render = ATTRIBUTES[attribute];
  if (!render) {
    throw new Ec2Error(
      "InvalidParameterValue",
      `Value (${attribute}) for parameter attribute is invalid. Expected one of: ${Object.keys(ATTRIBUTES).join(", ")}`,
    );
  }
  return { imageId: image.id, ...render(image) };
};
