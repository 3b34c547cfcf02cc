// The whole Spark matrix, built by real Packer against ec2-local, as a user rehearses it.
import { EventEmitter } from "node:events";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  NEWEST_AMAZON_IMAGE_NAMES,
  NEWEST_CURRENT_IMAGE_NAMES,
} from "../../src/ec2-local/index.ts";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { runCli } from "../support/run-cli.ts";

const E2E_TIMEOUT = 180_000;
const fixture = useEc2Local("ami-matrix-e2e-");

const env = { ...process.env, CI: "true", AWS_POLL_DELAY_SECONDS: "0" };

async function build(args: string[], options: { signals?: EventEmitter; amiList?: string } = {}) {
  const amiList = options.amiList ?? (await mkdtemp(path.join(fixture.scratch, "ami-list-")));
  const reportFile = path.join(amiList, "..", `${path.basename(amiList)}-report.json`);
  const result = await runCli(
    [
      "--ec2-endpoint",
      fixture.ec2.url,
      "--ami-list",
      amiList,
      "--report",
      reportFile,
      "--retry-delay",
      "0.2",
      ...args,
    ],
    { env, signals: options.signals },
  );
  const report = JSON.parse(await readFile(reportFile, "utf8")) as {
    runId: string;
    jobs: {
      id: string;
      region: string;
      status: string;
      attempts: number;
      amis: Record<string, string>;
      sourceAmi?: { id: string; name: string };
    }[];
  };
  return { ...result, amiList, report };
}

async function cells(amiList: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const entry of await readdir(amiList, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === "index.json") continue;
    const file = path.join(entry.parentPath, entry.name);
    found.set(path.relative(amiList, file), (await readFile(file, "utf8")).trim());
  }
  return found;
}

function expectNothingLeftBehind(): void {
  expect(fixture.ec2.liveInstances()).toEqual([]);
  expect(fixture.ec2.securityGroups()).toEqual([]);
  expect(fixture.ec2.keyPairs()).toEqual([]);
}

type Report = Awaited<ReturnType<typeof build>>["report"];

// Every AMI, snapshot and instance of the run carries the tool's tags, and each base job names the
// newest seeded source image it was built from.
function expectTaggedAndPinned(report: Report): void {
  for (const job of report.jobs) {
    const amiId = job.amis[job.region];
    const image = fixture.ec2.images({ region: job.region }).find((i) => i.id === amiId);
    expect(image?.tags).toMatchObject({
      "ami-matrix:tool": "ami-matrix",
      "ami-matrix:run": report.runId,
      "ami-matrix:job": job.id,
    });
    for (const snapshotId of image?.snapshotIds ?? []) {
      const snapshot = fixture.ec2.snapshots(job.region).find((s) => s.id === snapshotId);
      expect(snapshot?.tags).toMatchObject({
        "ami-matrix:run": report.runId,
        "ami-matrix:job": job.id,
      });
    }
    const instances = fixture.ec2
      .instances({ region: job.region })
      .filter(
        (i) => i.tags["ami-matrix:job"] === job.id && i.tags["ami-matrix:run"] === report.runId,
      );
    expect(instances.length).toBeGreaterThan(0);
    // The Spark image is the base image plus Spark: its instances start from this run's base AMI.
    if (job.id.startsWith("spark/")) {
      const base = report.jobs.find((j) => j.id === job.id.replace(/^spark\//, "base/"));
      expect(instances.every((i) => i.imageId === base?.amis[job.region])).toBe(true);
      continue;
    }
    expect(job.sourceAmi?.name).toBe(
      job.id.endsWith("/pv")
        ? NEWEST_AMAZON_IMAGE_NAMES.paravirtual
        : NEWEST_CURRENT_IMAGE_NAMES.amazonLinux2023,
    );
    expect(instances.every((i) => i.imageId === job.sourceAmi?.id)).toBe(true);
  }
}

function expectAvailableInItsRegion(cell: string, amiId: string): void {
  const region = cell.split("/")[1];
  const image = fixture.ec2.images({ region }).find((i) => i.id === amiId);
  expect(image, `${cell} → ${amiId} in ${region}`).toBeDefined();
  expect(image?.state).toBe("available");
}

describe("the 32-job Spark matrix against ec2-local, with real Packer", () => {
  it(
    "writes every cell with an available AMI of its own region and leaves nothing running",
    async () => {
      const { code, stdout, amiList, report } = await build([]);
      expect(code, stdout.slice(-3000)).toBe(0);
      const written = await cells(amiList);
      expect(written.size).toBe(32);
      for (const [cell, amiId] of written) expectAvailableInItsRegion(cell, amiId);
      const index = JSON.parse(await readFile(path.join(amiList, "index.json"), "utf8"));
      expect(Object.fromEntries(written)).toEqual(index.cells);
      expectNothingLeftBehind();
      expectTaggedAndPinned(report);
    },
    E2E_TIMEOUT,
  );

  it(
    "still ends every job with an AMI when a third of RunInstances calls are throttled and capacity runs short",
    async () => {
      fixture.ec2.setFaults({
        faults: [
          { action: "RunInstances", code: "RequestLimitExceeded", status: 503, fraction: 0.33 },
          {
            action: "RunInstances",
            code: "InsufficientInstanceCapacity",
            status: 400,
            first: 3,
            regions: ["sa-east-1", "ap-southeast-2"],
          },
        ],
      });
      const { code, stdout, amiList, report } = await build([]);
      expect(code, stdout.slice(-3000)).toBe(0);
      expect((await cells(amiList)).size).toBe(32);
      // Packer fails at once on a 400 capacity error, so each one EC2 gave (at most 3: a call the
      // throttling rule took first does not count) costs one retry of ours, and a job may take two;
      // throttling is retried inside Packer's SDK and costs none.
      const capacityErrors = fixture.ec2
        .calls({ action: "RunInstances" })
        .filter((c) => c.errorCode === "InsufficientInstanceCapacity").length;
      expect(capacityErrors).toBeGreaterThan(0);
      const retried = report.jobs.filter((j) => j.attempts > 1);
      expect(retried.every((j) => ["sa-east-1", "ap-southeast-2"].includes(j.region))).toBe(true);
      expect(retried.reduce((extra, j) => extra + j.attempts - 1, 0)).toBe(capacityErrors);
      expect(
        fixture.ec2
          .calls({ action: "RunInstances" })
          .some((c) => c.errorCode === "RequestLimitExceeded"),
      ).toBe(true);
      expectNothingLeftBehind();
    },
    E2E_TIMEOUT,
  );

  it(
    "fails only the cells of a region with a permanent fault, keeping their old content byte for byte",
    async () => {
      fixture.ec2.setFaults({
        faults: [
          {
            action: "RunInstances",
            code: "UnauthorizedOperation",
            status: 403,
            regions: ["eu-west-1"],
          },
        ],
      });
      const amiList = await mkdtemp(path.join(fixture.scratch, "ami-list-"));
      await mkdir(path.join(amiList, "base", "eu-west-1"), { recursive: true });
      const legacy = "ami-0123456789abcdef0"; // an old one-id-per-file cell without a newline
      await writeFile(path.join(amiList, "base", "eu-west-1", "hvm"), legacy);
      const { code, report } = await build([], { amiList });
      expect(code).toBe(1);
      const failed = report.jobs.filter((j) => j.status === "failed");
      expect(failed.map((j) => j.id).sort()).toEqual([
        "base/eu-west-1/hvm",
        "base/eu-west-1/pv",
        "spark/eu-west-1/hvm",
        "spark/eu-west-1/pv",
      ]);
      expect(failed.every((j) => j.attempts === 1)).toBe(true);
      const written = await cells(amiList);
      expect(written.size).toBe(29);
      expect(await readFile(path.join(amiList, "base", "eu-west-1", "hvm"), "utf8")).toBe(legacy);
      expectNothingLeftBehind();
    },
    E2E_TIMEOUT,
  );

  it(
    "leaves no running instance after SIGINT in the middle of a run",
    async () => {
      fixture.ec2.setFaults({ latencyMs: { StopInstances: 300 } });
      const signals = new EventEmitter();
      const watcher = setInterval(() => {
        if (fixture.ec2.liveInstances().length >= 4) {
          clearInterval(watcher);
          signals.emit("SIGINT");
        }
      }, 20);
      const { code, report, amiList } = await build([], { signals });
      clearInterval(watcher);
      expect(code).toBe(130);
      const interrupted = report.jobs.filter((j) => j.status === "interrupted");
      expect(interrupted.length).toBeGreaterThan(0);
      for (const job of report.jobs.filter((j) => j.status === "succeeded")) {
        expect((await cells(amiList)).get(job.id)).toBe(job.amis[job.region]);
      }
      expectNothingLeftBehind();
    },
    E2E_TIMEOUT,
  );
});
