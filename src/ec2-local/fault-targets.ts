// A rule naming an action, region or instance type the server never sees would silently never fire:
// each such name is refused, with the nearest valid one.
import type { FaultConfig } from "./fault-schema.ts";
import { matchesWildcard } from "./filters.ts";
import { KNOWN_INSTANCE_TYPES } from "./instance-catalogue.ts";
import { didYouMean } from "./nearest.ts";

function unknownActions(options: {
  path: string;
  patterns: readonly string[];
  actions: readonly string[];
}): string[] {
  const { path, patterns, actions } = options;
  return patterns
    .filter((pattern) => !actions.some((action) => matchesWildcard(pattern, action)))
    .map(
      (pattern) =>
        `${path}: '${pattern}' matches no action ec2-local answers${didYouMean(pattern, actions)} (actions: ${actions.join(", ")})`,
    );
}

function unknownRegions(options: {
  path: string;
  listed: readonly string[] | undefined;
  regions: readonly string[];
}): string[] {
  const { path, listed, regions } = options;
  return (listed ?? [])
    .filter((region) => !regions.includes(region))
    .map(
      (region) =>
        `${path}: region '${region}' is not served${didYouMean(region, regions)} (serving: ${regions.join(", ")})`,
    );
}

function unknownInstanceTypes(path: string, patterns: readonly string[]): string[] {
  return patterns
    .filter((pattern) => !KNOWN_INSTANCE_TYPES.some((type) => matchesWildcard(pattern, type)))
    .map(
      (pattern) =>
        `${path}: '${pattern}' matches no instance type ec2-local knows${didYouMean(pattern, KNOWN_INSTANCE_TYPES)}`,
    );
}

function accountIssues(config: FaultConfig, regions: readonly string[]): string[] {
  const account = config.account ?? {};
  const issues: string[] = [];
  (account.instanceTypesNotOffered ?? []).forEach((entry, index) => {
    const path = `account.instanceTypesNotOffered.${index}`;
    issues.push(...unknownInstanceTypes(`${path}.instanceTypes`, entry.instanceTypes));
    issues.push(...unknownRegions({ path: `${path}.regions`, listed: entry.regions, regions }));
  });
  const regional = {
    "account.imageBlockPublicAccess.regions": account.imageBlockPublicAccess?.regions,
    "account.allowedImages.regions": account.allowedImages?.regions,
    "account.noDefaultVpc.regions": account.noDefaultVpc?.regions,
  };
  for (const [path, listed] of Object.entries(regional)) {
    issues.push(...unknownRegions({ path, listed, regions }));
  }
  return issues;
}

/** Every name in the configuration that matches nothing, as one line each. */
export function checkFaultTargets(options: {
  config: FaultConfig;
  regions: readonly string[];
  actions: readonly string[];
}): string[] {
  const { config, regions, actions } = options;
  const issues: string[] = [];
  (config.faults ?? []).forEach((rule, index) => {
    issues.push(
      ...unknownActions({ path: `faults.${index}.action`, patterns: [rule.action], actions }),
    );
    issues.push(
      ...unknownRegions({ path: `faults.${index}.regions`, listed: rule.regions, regions }),
    );
  });
  // Latency is looked up by exact name, so a wildcard other than "*" would never apply.
  for (const key of Object.keys(config.latencyMs ?? {})) {
    if (key !== "*" && !actions.includes(key)) {
      issues.push(
        `latencyMs: '${key}' is no action ec2-local answers${didYouMean(key, actions)} (give an exact name or "*")`,
      );
    }
  }
  issues.push(
    ...unknownRegions({ path: "failImages.regions", listed: config.failImages?.regions, regions }),
  );
  issues.push(
    ...unknownActions({
      path: "notImplemented.actions",
      patterns: config.notImplemented?.actions ?? [],
      actions,
    }),
  );
  issues.push(...accountIssues(config, regions));
  return issues;
}
