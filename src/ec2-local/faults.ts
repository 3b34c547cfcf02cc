// Decides, call by call, whether to fail, delay, or doom an image, so tests can rehearse EC2 going wrong.
import { InjectedFault, statusForCode } from "./ec2-error.ts";
import type { FaultConfig, FaultRule } from "./fault-config.ts";
import { matchesWildcard } from "./filters.ts";
import { unitInterval } from "./ids.ts";

const USUAL_MESSAGES: Record<string, string> = {
  RequestLimitExceeded: "Request limit exceeded.",
  UnauthorizedOperation: "You are not authorized to perform this operation.",
  InsufficientInstanceCapacity:
    "We currently do not have sufficient capacity in the Availability Zone you requested.",
  InternalError: "An internal error has occurred.",
  ServiceUnavailable: "The request has failed due to a temporary failure of the server.",
};

function appliesTo(rule: FaultRule, action: string, region: string): boolean {
  return (
    matchesWildcard(rule.action, action) &&
    (rule.regions === undefined || rule.regions.includes(region))
  );
}

export class FaultInjector {
  #config: FaultConfig;
  readonly #seed: string;
  #callsPerRule: number[] = [];
  #callsPerRuleAndRegion: Map<string, number>[] = [];

  constructor(config: FaultConfig, seed: string) {
    this.#seed = seed;
    this.#config = config;
    this.replace(config);
  }

  /** New rules, counting from zero again. */
  replace(config: FaultConfig): void {
    this.#config = config;
    const rules = config.faults ?? [];
    this.#callsPerRule = rules.map(() => 0);
    this.#callsPerRuleAndRegion = rules.map(() => new Map());
  }

  get config(): FaultConfig {
    return this.#config;
  }

  latencyFor(action: string): number {
    const latency = this.#config.latencyMs ?? {};
    return latency[action] ?? latency["*"] ?? 0;
  }

  // Every matching rule counts the call; the first that fires decides the error.
  faultFor(action: string, region: string): InjectedFault | undefined {
    let fault: InjectedFault | undefined;
    (this.#config.faults ?? []).forEach((rule, index) => {
      if (!appliesTo(rule, action, region)) return;
      const calls = (this.#callsPerRule[index] ?? 0) + 1;
      this.#callsPerRule[index] = calls;
      const perRegion = this.#callsPerRuleAndRegion[index] ?? new Map<string, number>();
      const regionCalls = (perRegion.get(region) ?? 0) + 1;
      perRegion.set(region, regionCalls);
      if (fault || !this.#fires({ rule, index, region, calls, regionCalls })) return;
      const message =
        rule.message ?? `${USUAL_MESSAGES[rule.code] ?? rule.code} (injected by ec2-local)`;
      fault = new InjectedFault(rule.code, message, rule.status ?? statusForCode(rule.code));
    });
    return fault;
  }

  #fires(options: {
    rule: FaultRule;
    index: number;
    region: string;
    calls: number;
    regionCalls: number;
  }): boolean {
    const { rule, index, region, calls, regionCalls } = options;
    if (rule.first !== undefined) return calls <= rule.first;
    if (rule.fraction !== undefined) {
      return unitInterval(`${this.#seed}/fault/${index}/${region}/${regionCalls}`) < rule.fraction;
    }
    return true;
  }

  shouldImageFail(image: { region: string; id: string; name: string }): boolean {
    const failImages = this.#config.failImages;
    if (!failImages) return false;
    if (failImages.regions && !failImages.regions.includes(image.region)) return false;
    if (
      failImages.names &&
      !failImages.names.some((pattern) => matchesWildcard(pattern, image.name))
    ) {
      return false;
    }
    const fraction = failImages.fraction ?? 1;
    return unitInterval(`${this.#seed}/image/${image.region}/${image.id}`) < fraction;
  }
}
