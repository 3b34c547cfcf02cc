// One SDK client per region, pointed at AWS or at an EC2-compatible endpoint, with retries configured.
import { EC2Client } from "@aws-sdk/client-ec2";

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
  // Credentials given to this run win; otherwise the SDK's default chain (profile, SSO, instance role...).
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          accessKeyId: env.AWS_ACCESS_KEY_ID,
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
          ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
        }
      : undefined;
  return {
    forRegion(region) {
      let client = clients.get(region);
      if (!client) {
        client = new EC2Client({
          region,
          maxAttempts,
          retryMode: "adaptive",
          ...(endpoint ? { endpoint } : {}),
          ...(credentials ? { credentials } : {}),
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
