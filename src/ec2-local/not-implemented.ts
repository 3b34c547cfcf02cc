// Emulators lack actions: answering chosen ones as LocalStack (or EC2 for an unknown action) does lets
// a rehearsal check that the tool warns instead of failing when an endpoint cannot answer.
import { InjectedFault } from "./ec2-error.ts";
import type { NotImplementedConfig } from "./fault-config.ts";
import { matchesWildcard } from "./filters.ts";

export function notImplementedError(
  config: NotImplementedConfig | undefined,
  action: string,
): InjectedFault | undefined {
  if (!config?.actions.some((pattern) => matchesWildcard(pattern, action))) return undefined;
  if (config.as === "ec2") {
    return new InjectedFault(
      "InvalidAction",
      `The action ${action} is not valid for this web service.`,
      400,
    );
  }
  // LocalStack's answer for an operation it does not emulate.
  return new InjectedFault(
    "InternalFailure",
    `The API action '${action}' for service 'ec2' is either not available in your current license plan or has not yet been emulated by ec2-local`,
    501,
  );
}
