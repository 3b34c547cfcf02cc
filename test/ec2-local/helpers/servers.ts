// Servers a test file starts, each closed after its test, so a failing assertion leaks no port.
import { afterEach } from "vitest";
import {
  type Ec2Local,
  type Ec2LocalOptions,
  startEc2Local,
} from "../../../src/ec2-local/index.ts";

export function useServers(): (options?: Ec2LocalOptions) => Promise<Ec2Local> {
  const servers: Ec2Local[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (options = {}) => {
    const server = await startEc2Local(options);
    servers.push(server);
    return server;
  };
}
