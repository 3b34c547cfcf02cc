// A nightly job's runs, with real Packer against an EC2 endpoint: nothing changed builds nothing, a
// deregistered AMI rebuilds its cell alone, a Spark-only script change rebuilds the Spark cells alone,
// and the copy strategy builds once per image and virtualization and copies the rest.
import { appendFile, mkdtemp, readFile } from "node:fs/promises";
import path from "node:path";
import { DeregisterImageCommand, EC2Client } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { folderBytes } from "../support/folder-bytes.ts";
import { copyProject, runCopy } from "../support/project-copy.ts";
import { CREDENTIALS } from "../support/prune-and-sweep-fixtures.ts";

const E2E_TIMEOUT = 240_000;
const fixture = useEc2Local("ami-matrix-nightly-");

async function run(project: string, amiList: string, args: string[] = []) {
  fixture.ec2.clearCalls();
  const report = path.join(path.dirname(amiList), `${path.basename(amiList)}-report.json`);
  const result = await runCopy(
    project,
    ["--ec2-endpoint", fixture.ec2.url, "--ami-list", amiList, "--report", report, ...args],
    { ...CREDENTIALS, AWS_POLL_DELAY_SECONDS: "0" },
  );
  const calls = (action: string) => fixture.ec2.calls({ action }).length;
  const jobs = JSON.parse(await readFile(report, "utf8")).jobs as {
    id: string;
    region: string;
    status: string;
    reason: string;
    action: string;
    amis: Record<string, string>;
  }[];
  const built = jobs.filter((j) => j.status === "succeeded").map((j) => j.id);
  return { ...result, jobs, built, launches: calls("RunInstances"), copies: calls("CopyImage") };
}

describe("nightly runs", () => {
  it(
    "build nothing when nothing changed, and rebuild only what is gone or changed",
    async () => {
      const project = await copyProject();
      const amiList = path.join(await mkdtemp(path.join(fixture.scratch, "list-")), "ami-list");

      const first = await run(project, amiList);
      expect(first.exitCode, first.stderr).toBe(0);
      expect(first.built).toHaveLength(32);
      expect(first.launches).toBe(32);

      const before = await folderBytes(amiList);
      const again = await run(project, amiList);
      expect(again.exitCode, again.stderr).toBe(0);
      expect(again.stdout).toContain("32 jobs: 32 unchanged");
      expect([
        again.launches,
        again.copies,
        fixture.ec2.calls({ action: "CreateImage" }).length,
      ]).toEqual([0, 0, 0]);
      expect(await folderBytes(amiList)).toEqual(before);

      // A listed AMI deregistered in the account: its cell alone is built again.
      const gone = (await readFile(path.join(amiList, "base", "eu-west-1", "pv"), "utf8")).trim();
      const client = new EC2Client({
        region: "eu-west-1",
        endpoint: fixture.ec2.url,
        credentials: {
          accessKeyId: CREDENTIALS.AWS_ACCESS_KEY_ID,
          secretAccessKey: CREDENTIALS.AWS_SECRET_ACCESS_KEY,
        },
      });
      await client.send(new DeregisterImageCommand({ ImageId: gone }));
      client.destroy();
      const rebuilt = await run(project, amiList);
      expect(rebuilt.exitCode, rebuilt.stderr).toBe(0);
      expect(rebuilt.built).toEqual(["base/eu-west-1/pv"]);
      expect(rebuilt.jobs.find((j) => j.id === "base/eu-west-1/pv")?.reason).toBe("AMI gone");
      expect(rebuilt.launches).toBe(1);

      // A script only the Spark image uses: the 16 Spark cells, built on the unchanged base AMIs.
      await appendFile(path.join(project, "packer", "scripts", "spark.sh"), "\n# nightly change\n");
      const spark = await run(project, amiList);
      expect(spark.exitCode, spark.stderr).toBe(0);
      expect(spark.built.sort()).toEqual(
        first.jobs
          .map((j) => j.id)
          .filter((id) => id.startsWith("spark/"))
          .sort(),
      );
      expect(spark.launches).toBe(16);
      const reasons = new Set(
        spark.jobs.filter((j) => j.status === "succeeded").map((j) => j.reason),
      );
      expect(reasons).toEqual(new Set(["changed: scripts/spark.sh"]));
      const baseAmis = new Map(
        spark.jobs.filter((j) => j.id.startsWith("base/")).map((j) => [j.id, j.amis[j.region]]),
      );
      for (const region of ["us-east-1", "sa-east-1"]) {
        const launched = fixture.ec2
          .instances({ region })
          .filter((i) => i.tags["ami-matrix:job"] === `spark/${region}/hvm`);
        expect(launched.at(-1)?.imageId).toBe(baseAmis.get(`base/${region}/hvm`));
      }
    },
    E2E_TIMEOUT,
  );

  it(
    "with the copy strategy, build once per image and virtualization and copy the rest, tagged, shared and verified",
    async () => {
      const project = await copyProject();
      const amiList = path.join(await mkdtemp(path.join(fixture.scratch, "copy-")), "ami-list");
      const copied = await run(project, amiList, ["--strategy", "copy"]);
      expect(copied.exitCode, copied.stderr).toBe(0);
      expect(copied.built).toHaveLength(32);
      expect(copied.launches).toBe(4);
      expect(copied.copies).toBe(28);
      expect(copied.jobs.filter((j) => j.action === "copy")).toHaveLength(28);
      for (const job of copied.jobs) {
        const ami = job.amis[job.region];
        const image = fixture.ec2.images({ region: job.region }).find((i) => i.id === ami);
        expect(image?.state, job.id).toBe("available");
        expect(image?.tags["ami-matrix:job"]).toBe(job.id);
        expect(image?.tags["ami-matrix:fingerprint"]).toMatch(/^[0-9a-f]{64}$/);
        expect(image?.public, job.id).toBe(true);
        expect((await readFile(path.join(amiList, job.id), "utf8")).trim()).toBe(ami);
      }
    },
    E2E_TIMEOUT,
  );
});
