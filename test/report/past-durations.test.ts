import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { durationsOfReport, pastDurations } from "../../src/report/past-durations.ts";

const report = (jobs: object[], extra: object = {}) =>
  JSON.stringify({ runId: "r", jobs, ...extra });

it("reads the newest real run's durations of succeeded jobs, passing over rehearsals and broken files", async () => {
  const runs = await mkdtemp(path.join(tmpdir(), "ami-matrix-durations-"));
  const write = async (run: string, text: string) => {
    await mkdir(path.join(runs, run));
    await writeFile(path.join(runs, run, "report.json"), text);
  };
  await write(
    "20261101T000000Z-aaaa",
    report([
      { id: "a/x/hvm", status: "succeeded", durationMs: 100 },
      { id: "b/x/hvm", status: "succeeded", durationMs: 7 },
    ]),
  );
  await write(
    "20261102T000000Z-bbbb",
    report([
      { id: "a/x/hvm", status: "succeeded", durationMs: 200 },
      { id: "b/x/hvm", status: "failed", durationMs: 1 },
    ]),
  );
  await write(
    "20261103T000000Z-cccc",
    report([{ id: "a/x/hvm", status: "succeeded", durationMs: 5 }], { rehearsal: true }),
  );
  await write("20261104T000000Z-dddd", "{ not json");
  await mkdir(path.join(runs, "20261105T000000Z-eeee"));
  expect(await pastDurations(runs)).toEqual(
    new Map([
      ["a/x/hvm", 200],
      ["b/x/hvm", 7],
    ]),
  );
  expect(await pastDurations(path.join(runs, "missing"))).toEqual(new Map());
  expect(durationsOfReport("[]")).toBeUndefined();
});
