// ec2-local on its own for the signals loop: AMIs stay pending (AWS keeps them so for minutes), so
// every build is still running when the signal comes. `--latency ACTION=MS` slows an action, e.g.
// DeleteKeyPair, so Packer's cleanup lasts long enough for a second Ctrl-C. Prints the line
// bench/ec2-endpoint.ts waits for, and runs until SIGTERM.
import { parseArgs } from "node:util";
import { startEc2Local } from "../../src/ec2-local/index.ts";

const { values } = parseArgs({ options: { latency: { type: "string", multiple: true } } });
const latencyMs = Object.fromEntries(
  (values.latency ?? []).map((pair) => {
    const [action, ms] = pair.split("=");
    return [action ?? "", Number(ms)];
  }),
);
const ec2 = await startEc2Local({
  port: 0,
  host: "127.0.0.1",
  delays: { imageMs: 600_000 },
  faults: { latencyMs },
});
process.stdout.write(`ec2-local listening on ${ec2.url}\n`);
process.once("SIGTERM", () => {
  ec2.close().catch(() => {});
});
