// One SDK client per region, pointed at AWS or at an EC2-compatible endpoint, with retries configured.
import { EC2Client } from "@aws-sdk/client-ec2";
import { credentialProvider } from "./credentials.ts";

export interface Ec2Clients {
  forRegion(region: string): EC2Client;
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
  // One provider for every region's client, so the chain is walked once and refreshed in one place.
  const credentials = credentialProvider(env);
  return {
    forRegion(region) {
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
    },
    destroy() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}
