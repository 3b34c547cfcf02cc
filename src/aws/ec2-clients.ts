// One SDK client per region, pointed at AWS or at an EC2-compatible endpoint, with retries configured.
import { EC2Client } from "@aws-sdk/client-ec2";
import { UserError } from "../errors.ts";
import { missingProfileProblem } from "./shared-profiles.ts";

export type AwsCredentials = Awaited<ReturnType<EC2Client["config"]["credentials"]>>;

export interface Ec2Clients {
  forRegion(region: string): EC2Client;
  /**
   * The credentials the region's client uses (the SDK caches them). A profile named in AWS_PROFILE that
   * does not exist is a UserError naming it.
   */
  credentials(region: string): Promise<AwsCredentials>;
  destroy(): void;
}

export function createEc2Clients({
  endpoint,
  env,
  maxAttempts = 8,
}: {
  endpoint?: string;
  env: NodeJS.ProcessEnv;
  maxAttempts?: number;
}): Ec2Clients {
  const clients = new Map<string, EC2Client>();
  // Credentials given to this run win; otherwise the SDK's default chain (profile, SSO, instance role...).
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          accessKeyId: env.AWS_ACCESS_KEY_ID,
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
          ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
        }
      : undefined;
  // The profile of the environment this run was given, which need not be this process's.
  const profile = !credentials && env.AWS_PROFILE ? { profile: env.AWS_PROFILE } : {};
  const forRegion = (region: string) => {
    let client = clients.get(region);
    if (!client) {
      client = new EC2Client({
        region,
        maxAttempts,
        retryMode: "adaptive",
        ...(endpoint ? { endpoint } : {}),
        ...(credentials ? { credentials } : profile),
      });
      clients.set(region, client);
    }
    return client;
  };
  return {
    forRegion,
    async credentials(region) {
      try {
        return await forRegion(region).config.credentials();
      } catch (error) {
        const problem = await missingProfileProblem(env);
        if (problem) throw new UserError(problem, { cause: error });
        throw error;
      }
    },
    destroy() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}
