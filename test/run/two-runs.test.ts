// Two runs on one AMI list: one writes it, the other stops before planning (or waits), and no cell mixes
// the two. The index is checked against the cells before a run starts.
import { EventEmitter } from "node:events";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { lockAmiList } from "../../src/ami-list/lock.ts";
import { LOCK_FILE } from "../../src/ami-list/lock-owner.ts";
import { projectPaths } from "../../src/project-paths.ts";
import { useEc2Local } from "../support/ec2-local-fixture.ts";
import { amiListWith } from "../support/prune-and-sweep-fixtures.ts";
import { cellsOf, runWithStandIn, type StandInRun } from "../support/stand-in-run.ts";

const fixture = useEc2Local("ami-matrix-two-runs-");
const runIds: string[] = [];
afterAll(() =>
  Promise.all(
    runIds.map((id) => rm(path.join(projectPaths.runs, id), { recursive: true, force: true })),
  ),
);

const ONE_REGION = ["--only", "region=us-east-1"];

function run(options: Omit<Parameters<typeof runWithStandIn>[0], "endpoint" | "scratch">) {
  return runWithStandIn({ endpoint: fixture.ec2.url, scratch: fixture.scratch, ...options }).then(
    (done) => {
      if (done.report.runId) runIds.push(done.report.runId);
      return done;
    },
  );
}

// Every cell holds the AMI this run's report gives for it.
async function expectCellsFrom(done: StandInRun, amiList: string): Promise<void> {
  const expected = Object.fromEntries(
    done.report.jobs.map((job) => [`${job.id}`, `${job.amis[job.region]}\n`]),
  );
  expect(await cellsOf(amiList)).toEqual(expected);
  const index = JSON.parse(await readFile(path.join(amiList, "index.json"), "utf8"));
  expect(Object.keys(index.cells).sort()).toEqual(Object.keys(expected).sort());
  for (const [cell, ami] of Object.entries(expected)) expect(`${index.cells[cell]}\n`).toBe(ami);
}

describe("two runs on one AMI list", () => {
  it("started at once: one builds, the other exits 2 naming it, and no cell is mixed", async () => {
    const amiList = path.join(await mkdtemp(path.join(fixture.scratch, "shared-")), "ami-list");
    const scenario = { default: { outcomes: ["success"], durationMs: 200 } };
    const [a, b] = await Promise.all([
      run({ scenario, args: ONE_REGION, amiList }),
      run({ scenario, args: ONE_REGION, amiList }),
    ]);
    const [winner, loser] = a.code === 0 ? [a, b] : [b, a];
    expect([winner.code, loser.code]).toEqual([0, 2]);
    expect(loser.stderr).toContain(`is in use by run ${winner.report.runId} (pid ${process.pid}`);
    expect(loser.stderr).not.toMatch(/^\s+at /m);
    expect(loser.calls).toEqual([]); // not even packer version: it stopped before planning
    await expectCellsFrom(winner, amiList);
    expect(await readdir(amiList)).not.toContain(LOCK_FILE);
  });

  it("with --wait-for-lock the second says what it waits for, then runs after the first", async () => {
    const amiList = path.join(await mkdtemp(path.join(fixture.scratch, "wait-")), "ami-list");
    const first = run({
      scenario: { default: { outcomes: ["success"], durationMs: 600 } },
      args: ONE_REGION,
      amiList,
    });
    await vi.waitFor(() => readFile(path.join(amiList, LOCK_FILE)), { timeout: 10_000 });
    let printed = "";
    const second = run({
      scenario: { default: { outcomes: ["success"] } },
      args: [...ONE_REGION, "--wait-for-lock"],
      amiList,
      onOutput: (text) => {
        printed = text;
      },
    });
    await vi.waitFor(() => expect(printed).toContain("Waiting for run "), { timeout: 10_000 });
    const [a, b] = await Promise.all([first, second]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(b.stdout).toContain(`Waiting for run ${a.report.runId}`);
    await expectCellsFrom(b, amiList);
  });

  it("a dry run takes no lock: it plans while another run holds the list", async () => {
    const amiList = await amiListWith({});
    const lock = await lockAmiList({
      dir: amiList,
      runId: "20261130T000000Z-hold",
      wait: false,
      signals: new EventEmitter(),
      notice: () => {},
    });
    try {
      const done = await run({ args: [...ONE_REGION, "--dry-run"], amiList });
      expect(done.code).toBe(0);
      expect(done.stdout).toContain("Dry run: no build was started");
      const runId = /, run (\S+)/.exec(done.stdout)?.[1];
      if (runId) runIds.push(runId);
    } finally {
      await lock.release();
    }
  });
});

it("rebuilds an index that disagrees with the cells before it starts, even when it then writes no cell", async () => {
  const amiList = await amiListWith({ "base/us-east-1/hvm": "ami-0000000000000000a" });
  await writeFile(path.join(amiList, "index.json"), '{\n  "cells": {}\n}\n');
  const done = await run({
    scenario: { default: { outcomes: ["auth-error"] } },
    args: ONE_REGION,
    amiList,
  });
  expect(done.code).toBe(1);
  expect(done.stdout).toContain(
    "index.json did not match the AMI list's cell files and was rebuilt from them: 1 cell missing from it (base/us-east-1/hvm).",
  );
  expect(JSON.parse(await readFile(path.join(amiList, "index.json"), "utf8"))).toEqual({
    cells: { "base/us-east-1/hvm": "ami-0000000000000000a" },
  });
});
