// The EC2 actions ec2-local answers; anything else gets EC2's InvalidAction so a gap shows in the log.
import { getAllowedImagesSettings, getImageBlockPublicAccessState } from "./account-actions.ts";
import { describeAccountAttributes } from "./account-attributes.ts";
import type { ActionHandler } from "./action-context.ts";
import { ACTION_NAMES, type ActionName } from "./action-names.ts";
import { createFleet } from "./fleets.ts";
import { describeImageAttribute, modifyImageAttribute } from "./image-attributes.ts";
import { enableImageDeprecation } from "./image-deprecation.ts";
import { copyImage } from "./images-copy.ts";
import { createImage } from "./images-create.ts";
import { deregisterImage } from "./images-deregister.ts";
import { describeImages } from "./images-describe.ts";
import { registerImage } from "./images-register.ts";
import { describeInstanceTypeOfferings } from "./instance-type-offerings.ts";
import { describeInstances } from "./instances-describe.ts";
import { startInstances, stopInstances, terminateInstances } from "./instances-lifecycle.ts";
import { runInstances } from "./instances-run.ts";
import { createKeyPair, deleteKeyPair, describeKeyPairs } from "./key-pairs.ts";
import {
  createLaunchTemplate,
  deleteLaunchTemplate,
  describeLaunchTemplates,
} from "./launch-templates.ts";
import { describeAvailabilityZones, describeRegions } from "./region-actions.ts";
import {
  authorizeSecurityGroupIngress,
  createSecurityGroup,
  deleteSecurityGroup,
  describeSecurityGroups,
} from "./security-groups.ts";
import { createSnapshot, deleteSnapshot, describeSnapshots } from "./snapshots.ts";
import { createTags, deleteTags, describeTags } from "./tags.ts";
import { deleteVolume, describeVolumes } from "./volumes.ts";
import { describeSubnets, describeVpcs } from "./vpcs.ts";

export const ACTIONS: Readonly<Record<ActionName, ActionHandler>> = {
  AuthorizeSecurityGroupIngress: authorizeSecurityGroupIngress,
  CopyImage: copyImage,
  CreateFleet: createFleet,
  CreateImage: createImage,
  CreateKeyPair: createKeyPair,
  CreateLaunchTemplate: createLaunchTemplate,
  CreateSecurityGroup: createSecurityGroup,
  CreateSnapshot: createSnapshot,
  CreateTags: createTags,
  DeleteKeyPair: deleteKeyPair,
  DeleteLaunchTemplate: deleteLaunchTemplate,
  DeleteSecurityGroup: deleteSecurityGroup,
  DeleteSnapshot: deleteSnapshot,
  DeleteTags: deleteTags,
  DeleteVolume: deleteVolume,
  DeregisterImage: deregisterImage,
  DescribeAccountAttributes: describeAccountAttributes,
  DescribeAvailabilityZones: describeAvailabilityZones,
  DescribeImageAttribute: describeImageAttribute,
  DescribeImages: describeImages,
  DescribeInstanceTypeOfferings: describeInstanceTypeOfferings,
  DescribeInstances: describeInstances,
  DescribeKeyPairs: describeKeyPairs,
  DescribeLaunchTemplates: describeLaunchTemplates,
  DescribeRegions: describeRegions,
  DescribeSecurityGroups: describeSecurityGroups,
  DescribeSnapshots: describeSnapshots,
  DescribeSubnets: describeSubnets,
  DescribeTags: describeTags,
  DescribeVolumes: describeVolumes,
  DescribeVpcs: describeVpcs,
  EnableImageDeprecation: enableImageDeprecation,
  GetAllowedImagesSettings: getAllowedImagesSettings,
  GetImageBlockPublicAccessState: getImageBlockPublicAccessState,
  ModifyImageAttribute: modifyImageAttribute,
  RegisterImage: registerImage,
  RunInstances: runInstances,
  StartInstances: startInstances,
  StopInstances: stopInstances,
  TerminateInstances: terminateInstances,
};

export const SUPPORTED_ACTIONS: readonly string[] = ACTION_NAMES;

export function handlerFor(action: string): ActionHandler | undefined {
  return Object.hasOwn(ACTIONS, action) ? ACTIONS[action as ActionName] : undefined;
}
