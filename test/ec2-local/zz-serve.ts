import { writeFileSync } from "node:fs";
import { startEc2Local } from "/work/main/src/ec2-local/index.ts";

const ec2 = await startEc2Local({
  port: 4599,
  log: (c) =>
    console.error(c.region, c.action, c.status, c.errorCode ?? "", JSON.stringify(c.params)),
});
console.log(ec2.url);
process.on("SIGTERM", async () => {
  writeFileSync("/tmp/pk1/report.json", JSON.stringify(ec2.report(), null, 1));
  await ec2.close();
});
