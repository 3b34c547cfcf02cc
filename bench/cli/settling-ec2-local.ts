// ec2-local on its own, for the CLI bench, with states that take a while to settle (instances start,
// stop and terminate, images become available) as a slow cloud does; AWS takes minutes. Prints the line
// bench/ec2-endpoint.ts waits for, and runs until SIGTERM.
import { startEc2Local } from "../../src/ec2-local/index.ts";

const settleMs = Number(process.argv[2] ?? "1000");
const ec2 = await startEc2Local({
  port: 0,
  host: "127.0.0.1",
  delays: { instanceMs: settleMs, imageMs: settleMs },
});
process.stdout.write(`ec2-local listening on ${ec2.url}\n`);
process.once("SIGTERM", () => {
  ec2.close().catch(() => {});
});
