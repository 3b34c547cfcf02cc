// The whole simulated account: per-region state, fault injection and the call log, without any HTTP.

import { type RegionAccount, regionAccount, regionsWithoutDefaultVpc } from "./account-settings.ts";
import { type AccountSummary, accountSummary } from "./account-summary.ts";
import { type ActionCall, type CallFilter, matchesCall } from "./action-log.ts";
import type { FaultConfig } from "./fault-config.ts";
import { FaultInjector } from "./faults.ts";
import {
  type ImageSummary,
  type InstanceSummary,
  type KeyPairSummary,
  type LaunchTemplateSummary,
  type RegionReport,
  regionReport,
  type SecurityGroupSummary,
  type SnapshotSummary,
  type SpotRequestSummary,
  type VolumeSummary,
} from "./introspection.ts";
import { type GeneratedKey, sharedKeyMaterial } from "./key-material.ts";
import type { ImageState, InstanceStateName } from "./model.ts";
import { syncDefaultNetwork } from "./network-defaults.ts";
import { createRegionStates, DEFAULT_DELAYS, type RegionState, type StateDelays } from "./state.ts";
import { settleRegion } from "./transitions.ts";

export interface LocalCloudOptions {
  regions: readonly string[];
  faults: FaultConfig;
  seed: string;
  delays: Partial<StateDelays>;
  clock: () => number;
}

export interface LocalCloudReport {
  regions: Record<string, RegionReport & { account: AccountSummary }>;
  calls: ActionCall[];
}

const LIVE_INSTANCE_STATES: readonly InstanceStateName[] = [
  "pending",
  "running",
  "stopping",
  "stopped",
  "shutting-down",
];

export class LocalCloud {
  readonly regions: Map<string, RegionState>;
  readonly faults: FaultInjector;
  readonly delays: StateDelays;
  readonly keyMaterial: () => Promise<GeneratedKey>;
  readonly now: () => number;
  readonly #calls: ActionCall[] = [];

  constructor(options: LocalCloudOptions) {
    this.regions = createRegionStates(options.regions);
    this.faults = new FaultInjector(options.faults, options.seed);
    this.delays = { ...DEFAULT_DELAYS, ...options.delays };
    this.keyMaterial = sharedKeyMaterial;
    this.now = options.clock;
    this.#applyAccount(options.faults);
  }

  /** New faults and account settings; fault counters start from zero again. */
  configure(config: FaultConfig): void {
    this.faults.replace(config);
    this.#applyAccount(config);
  }

  #applyAccount(config: FaultConfig): void {
    const without = regionsWithoutDefaultVpc(config);
    for (const state of this.regions.values()) {
      syncDefaultNetwork(state, !without.includes(state.region));
    }
  }

  /** The account settings in force in a region. */
  regionAccount(region: string): RegionAccount {
    return regionAccount(this.faults.config, region);
  }

  /** The account settings of a region as plain data, for tests and the state endpoint. */
  account(region: string): AccountSummary {
    const state = this.regions.get(region);
    if (!state) throw new Error(`ec2-local does not serve region '${region}'`);
    return accountSummary({ state, config: this.faults.config });
  }

  /** Applies every state change that is due by `now` in every region. */
  settle(now = this.now()): void {
    for (const state of this.regions.values()) settleRegion({ state, now, delays: this.delays });
  }

  record(call: Omit<ActionCall, "seq">): ActionCall {
    const recorded = { seq: this.#calls.length + 1, ...call };
    this.#calls.push(recorded);
    return recorded;
  }

  calls(filter: CallFilter = {}): ActionCall[] {
    return this.#calls.filter((call) => matchesCall(call, filter));
  }

  /** Distinct action names called, in order of first call. */
  actionsCalled(filter: CallFilter = {}): string[] {
    return [...new Set(this.calls(filter).map((call) => call.action))];
  }

  clearCalls(): void {
    this.#calls.length = 0;
  }

  #reports(region?: string): RegionReport[] {
    this.settle();
    return [...this.regions.values()]
      .filter((state) => region === undefined || state.region === region)
      .map(regionReport);
  }

  report(): LocalCloudReport {
    this.settle();
    const regions = [...this.regions.values()].map((state) => [
      state.region,
      { ...regionReport(state), account: this.account(state.region) },
    ]);
    return { regions: Object.fromEntries(regions), calls: this.calls() };
  }

  instances(
    filter: { region?: string; states?: readonly InstanceStateName[] } = {},
  ): InstanceSummary[] {
    return this.#reports(filter.region)
      .flatMap((report) => report.instances)
      .filter((instance) => filter.states === undefined || filter.states.includes(instance.state));
  }

  /** Instances not terminated: what a finished build must not leave behind. */
  liveInstances(region?: string): InstanceSummary[] {
    return this.instances({ region, states: LIVE_INSTANCE_STATES });
  }

  images(filter: { region?: string; state?: ImageState } = {}): ImageSummary[] {
    return this.#reports(filter.region)
      .flatMap((report) => report.images)
      .filter((image) => filter.state === undefined || image.state === filter.state);
  }

  /** Own image ids by region and state, e.g. `{ "us-east-1": { available: ["ami-…"] } }`. */
  imagesByState(): Record<string, Partial<Record<ImageState, string[]>>> {
    const result: Record<string, Partial<Record<ImageState, string[]>>> = {};
    for (const image of this.images()) {
      const byState = result[image.region] ?? {};
      byState[image.state] = [...(byState[image.state] ?? []), image.id];
      result[image.region] = byState;
    }
    return result;
  }

  securityGroups(region?: string): SecurityGroupSummary[] {
    return this.#reports(region).flatMap((report) => report.securityGroups);
  }

  keyPairs(region?: string): KeyPairSummary[] {
    return this.#reports(region).flatMap((report) => report.keyPairs);
  }

  snapshots(region?: string): SnapshotSummary[] {
    return this.#reports(region).flatMap((report) => report.snapshots);
  }

  volumes(region?: string): VolumeSummary[] {
    return this.#reports(region).flatMap((report) => report.volumes);
  }

  launchTemplates(region?: string): LaunchTemplateSummary[] {
    return this.#reports(region).flatMap((report) => report.launchTemplates);
  }

  spotRequests(region?: string): SpotRequestSummary[] {
    return this.#reports(region).flatMap((report) => report.spotRequests);
  }
}
