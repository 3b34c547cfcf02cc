// runs/<id>/packer-manifest.json: what Packer's manifest post-processor would have written for the run's
// succeeded builds, kept on disk as they finish.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Job } from "../../src/model/job.ts";
import { projectPaths } from "../../src/project-paths.ts";
import { createManifestWriter } from "../../src/run-record/manifest-writer.ts";
import { manifestBuild } from "../../src/run-record/packer-manifest.ts";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { runWithStandIn } from "../support/stand-in-run.ts";
import { makeTempDir } from "../support/temp-dir.ts";

const fixture = useEc2Local("ami-matrix-manifest-");
const runIds: string[] = [];
afterAll(() =>
  Promise.all(
    runIds.map((id) => rm(path.join(projectPaths.runs, id), { recursive: true, force: true })),
  ),
);

// The fields Packer's manifest post-processor writes, in its order.
const PACKER_FIELDS = [
  "name",
  "builder_type",
  "build_time",
  "files",
  "artifact_id",
  "packer_run_uuid",
  "custom_data",
];

function job(id: string): Job {
  const [image, region, virtualization] = id.split("/") as [string, string, "hvm" | "pv"];
  return {
    id,
    image,
    region,
    virtualization,
    amiListFile: id,
    amiName: `${image}-${virtualization}`,
  } as Job;
}

describe("the manifest writer", () => {
  it("keeps every build, in the order they finished, under one run uuid", async () => {
    const runDir = await makeTempDir();
    const manifest = createManifestWriter({ runDir });
    const at = new Date("2026-11-30T12:00:00Z");
    await Promise.all(
      ["base/us-east-1/hvm", "spark/us-east-1/pv", "spark/eu-west-1/hvm"].map((id, i) =>
        manifest.add(
          manifestBuild({
            job: job(id),
            runId: "20261130T120000Z-abcd",
            runUuid: manifest.runUuid,
            attempt: i + 1,
            amis: { [id.split("/")[1] as string]: `ami-${String(i).padStart(17, "0")}` },
            at,
          }),
        ),
      ),
    );
    expect(await manifest.close()).toBeUndefined();
    const written = JSON.parse(await readFile(path.join(runDir, "packer-manifest.json"), "utf8"));
    expect(written.last_run_uuid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(written.builds.map((b: { name: string }) => b.name)).toEqual([
      "base/us-east-1/hvm",
      "spark/us-east-1/pv",
      "spark/eu-west-1/hvm",
    ]);
    expect(written.builds[2]).toEqual({
      name: "spark/eu-west-1/hvm",
      builder_type: "amazon-ebs",
      build_time: at.getTime() / 1000,
      files: null,
      artifact_id: "eu-west-1:ami-00000000000000002",
      packer_run_uuid: written.last_run_uuid,
      custom_data: {
        run_id: "20261130T120000Z-abcd",
        job: "spark/eu-west-1/hvm",
        image: "spark",
        region: "eu-west-1",
        virtualization: "hvm",
        ami_list_file: "spark/eu-west-1/hvm",
        ami_name: "spark-hvm-20261130T120000Z-abcd-a3",
        attempt: "3",
      },
    });
  });

  it("writes Packer's artifact id: every region's AMI, sorted, comma-separated", () => {
    const build = manifestBuild({
      job: job("spark/us-east-1/hvm"),
      runId: "r",
      runUuid: "u",
      attempt: 1,
      amis: { "us-east-1": "ami-0000000000000000b", "eu-west-1": "ami-0000000000000000a" },
      at: new Date(0),
    });
    expect(build.artifact_id).toBe(
      "eu-west-1:ami-0000000000000000a,us-east-1:ami-0000000000000000b",
    );
  });

  it("says when a write failed, and still writes the builds after it", async () => {
    const runDir = await makeTempDir();
    let calls = 0;
    const texts: string[] = [];
    const manifest = createManifestWriter({
      runDir,
      write: async (_file, text) => {
        calls += 1;
        if (calls === 1) throw new Error("ENOSPC: no space left on device");
        texts.push(text);
      },
    });
    const add = (id: string) =>
      manifest.add(
        manifestBuild({
          job: job(id),
          runId: "r",
          runUuid: manifest.runUuid,
          attempt: 1,
          amis: {},
          at: new Date(0),
        }),
      );
    await add("a/r/hvm");
    await add("b/r/hvm");
    expect(await manifest.close()).toBe(
      "packer-manifest.json is incomplete: ENOSPC: no space left on device",
    );
    expect(JSON.parse(texts.at(-1) as string).builds).toHaveLength(2);
  });
});

describe("a run's packer-manifest.json", () => {
  it("has one entry per succeeded build, with the AMIs of the report", async () => {
    const started = Math.floor(Date.now() / 1000);
    const run = await runWithStandIn({
      endpoint: fixture.ec2.url,
      scratch: fixture.scratch,
      scenario: {
        default: { outcomes: ["success"], durationMs: 5 },
        jobs: { "/spark/us-west-1/pv/": { outcomes: ["template-error"] } },
      },
      args: ["--only", "region=us-west-1"],
    });
    const runId = run.report.runId as string;
    runIds.push(runId);
    expect(run.code).toBe(1);
    const manifest = JSON.parse(
      await readFile(path.join(projectPaths.runs, runId, "packer-manifest.json"), "utf8"),
    );
    const succeeded = run.report.jobs.filter((j) => j.status === "succeeded");
    expect(succeeded).toHaveLength(3);
    expect(manifest.builds.map((b: { name: string }) => b.name).sort()).toEqual(
      succeeded.map((j) => j.id).sort(),
    );
    for (const build of manifest.builds) {
      const reported = succeeded.find((j) => j.id === build.name);
      expect(Object.keys(build)).toEqual(PACKER_FIELDS);
      expect(build.artifact_id).toBe(`us-west-1:${reported?.amis["us-west-1"]}`);
      expect(build.packer_run_uuid).toBe(manifest.last_run_uuid);
      expect(build.custom_data).toMatchObject({ run_id: runId, job: build.name, attempt: "1" });
      expect(build.build_time).toBeGreaterThanOrEqual(started);
      expect(build.build_time).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    }
  });
});
