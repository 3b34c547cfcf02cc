// The public face of ec2-local: start a server, know its regions and seeded images, configure faults.
export type { AccountSummary } from "./account-summary.ts";
export {
  AMAZON_OWNER_ID,
  CANONICAL_OWNER_ID,
  DEEP_LEARNING_OWNER_ID,
  ECS_OWNER_ID,
  LOCAL_ACCOUNT_ID,
  LOOKALIKE_OWNER_ID,
} from "./accounts.ts";
export type { ActionCall, CallFilter } from "./action-log.ts";
export { SUPPORTED_ACTIONS } from "./actions.ts";
export {
  type AccountConfig,
  type FailImagesConfig,
  type FaultConfig,
  FaultConfigError,
  type FaultRule,
  type NotImplementedConfig,
  parseFaultConfig,
} from "./fault-config.ts";
export { KNOWN_INSTANCE_TYPES } from "./instance-catalogue.ts";
export type {
  ImageSummary,
  InstanceSummary,
  KeyPairSummary,
  LaunchTemplateSummary,
  RegionReport,
  SecurityGroupSummary,
  SnapshotSummary,
  SpotRequestSummary,
  VolumeSummary,
} from "./introspection.ts";
export type { LocalCloudReport } from "./local-cloud.ts";
export { COMMERCIAL_REGIONS, type CommercialRegion } from "./regions.ts";
export {
  NEWEST_AMAZON_IMAGE_NAMES,
  NEWEST_CURRENT_IMAGE_NAMES,
  SEED_IMAGES,
  type SeedImage,
  seededImageId,
} from "./seed-images.ts";
export { type Ec2Local, type Ec2LocalOptions, STATE_PATH, startEc2Local } from "./server.ts";
export type { StateDelays } from "./state.ts";
