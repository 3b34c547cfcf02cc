// One SDK client per region, pointed at AWS or at an EC2-compatible endpoint, with retries configured.
import { EC2Client } from "@aws-sdk/client-ec2";
import { UserError } from "../errors.ts";
import { type AwsCredentials, credentialProvider } from "./credentials.ts";
import { missingProfileProblem } from "./shared-profiles.ts";

export interface Ec2Clients {
  forRegion(region: string): EC2Client;
  /**
   * The credentials the clients use (resolved once and cached by the chain). A profile named in
   * AWS_PROFILE that does not exist is a UserError naming it.
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
  // One provider for every region's client, so the chain is walked once and refreshed in one place;
  // it reads the profile and files of the environment this run was given, not only this process's.
  const credentials = credentialProvider(env);
  const forRegion = (region: string) => {
    let client = clients.get(region);
    if (!client) {
      client = new EC2Client({
        region,
        maxAttempts,
        retryMode: "adaptive",
        ...(endpoint ? { endpoint } : {}),
        credentials,
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
