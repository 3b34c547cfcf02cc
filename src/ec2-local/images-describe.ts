// DescribeImages: what `source_ami_filter`, Packer's name check and its AMI waiters all read, narrowed
// as AWS narrows it: deprecated images leave listings, and Allowed AMIs hides what it refuses.
import { isAccountId, LOCAL_ACCOUNT_ID } from "./accounts.ts";
import type { ActionHandler } from "./action-context.ts";
import { imageAllowedField, isImageUsable } from "./allowed-images.ts";
import { Ec2Error } from "./ec2-error.ts";
import { applyFilters, type FilterSpec } from "./filters.ts";
import { isListedDespiteDeprecation } from "./image-deprecation.ts";
import { imageXml, isImagePublic } from "./image-xml.ts";
import { findImages, isImageVisible } from "./lookups.ts";
import type { Image } from "./model.ts";
import { paginate } from "./pagination.ts";

const OWNER_ALIASES = ["amazon", "aws-marketplace", "aws-backup-vault"];

function checkAccountSpec(spec: string, parameter: string): void {
  if (spec === "self" || spec === "all" || OWNER_ALIASES.includes(spec) || isAccountId(spec))
    return;
  throw new Ec2Error("InvalidUserID.Malformed", `Invalid user id: "${spec}" in ${parameter}`);
}

function isOwnedBy(image: Image, owner: string): boolean {
  if (owner === "self") return image.ownerId === LOCAL_ACCOUNT_ID;
  if (OWNER_ALIASES.includes(owner)) return image.ownerAlias === owner;
  return image.ownerId === owner;
}

function isExecutableBy(image: Image, user: string): boolean {
  if (user === "all") return isImagePublic(image);
  const account = user === "self" ? LOCAL_ACCOUNT_ID : user;
  return (
    isImagePublic(image) || image.ownerId === account || image.launchPermission.userIds.has(account)
  );
}

const IMAGE_FILTERS: FilterSpec<Image> = {
  fields: {
    architecture: (image) => image.architecture,
    "block-device-mapping.delete-on-termination": (image) =>
      image.blockDevices.map((device) => String(device.deleteOnTermination)),
    "block-device-mapping.device-name": (image) => image.blockDevices.map((d) => d.deviceName),
    "block-device-mapping.snapshot-id": (image) =>
      image.blockDevices.flatMap((device) => (device.snapshotId ? [device.snapshotId] : [])),
    "block-device-mapping.volume-size": (image) =>
      image.blockDevices.map((device) => String(device.volumeSize)),
    "block-device-mapping.volume-type": (image) => image.blockDevices.map((d) => d.volumeType),
    "creation-date": (image) => image.creationDate,
    description: (image) => image.description,
    "ena-support": (image) => image.enaSupport,
    hypervisor: () => "xen",
    "image-id": (image) => image.id,
    "image-type": () => "machine",
    "is-public": (image) => isImagePublic(image),
    "kernel-id": (image) => image.kernelId,
    name: (image) => image.name,
    "owner-alias": (image) => image.ownerAlias,
    "owner-id": (image) => image.ownerId,
    "root-device-name": (image) => image.rootDeviceName,
    "root-device-type": (image) => image.rootDeviceType,
    "source-instance-id": (image) => image.sourceInstanceId,
    "sriov-net-support": (image) => image.sriovNetSupport,
    state: (image) => image.state,
    "state-reason-code": (image) => image.stateReason?.code,
    "state-reason-message": (image) => image.stateReason?.message,
    "virtualization-type": (image) => image.virtualizationType,
  },
  tags: (image) => image.tags,
};

export const describeImages: ActionHandler = ({ params, state, account, now }) => {
  const ids = params.list("ImageId");
  const owners = params.list("Owner");
  const executableBy = params.list("ExecutableBy");
  for (const owner of owners) checkAccountSpec(owner, "Owners");
  for (const user of executableBy) checkAccountSpec(user, "ExecutableUsers");

  const includeDeprecated = params.bool("IncludeDeprecated") ?? false;
  // Allowed AMIs hides what it refuses, even by id; deprecation hides only from listings.
  const usable = (image: Image) => isImageUsable(image, account);
  const candidates =
    ids.length > 0
      ? findImages(state, ids, usable)
      : [...state.images.values()].filter(
          (image) =>
            isImageVisible(image) &&
            usable(image) &&
            isListedDespiteDeprecation({ image, now, account, includeDeprecated }),
        );
  const selected = candidates
    .filter((image) => owners.length === 0 || owners.some((owner) => isOwnedBy(image, owner)))
    .filter(
      (image) =>
        executableBy.length === 0 || executableBy.some((user) => isExecutableBy(image, user)),
    );
  const filtered = applyFilters({
    items: selected,
    filters: params.filters(),
    spec: IMAGE_FILTERS,
  });
  const { page, nextToken } = paginate({ items: filtered, params });
  return {
    imagesSet: page.map((image) =>
      imageXml(image, { imageAllowed: imageAllowedField(image, account) }),
    ),
    nextToken,
  };
};
