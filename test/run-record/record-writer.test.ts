// The run record on disk keeps up with the run: every change is written, whole, one write at a time.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { createRunRecorder } from "../../src/run-record/record-writer.ts";
import { parseRunRecord, type RunRecord } from "../../src/run-record/run-record.ts";

const RUN = "20261122T080000Z-abcd";
let scratch: string | undefined;
afterEach(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function onDisk(dir: string): Promise<RunRecord | undefined> {
  return parseRunRecord(await readFile(path.join(dir, "attempts.json"), "utf8"));
}

it("writes the attempts, what Packer made for each, their states and the interrupts", async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "ami-matrix-record-"));
  const record = createRunRecorder({ runDir: scratch, runId: RUN });
  const key = { job: "base/us-east-1/hvm", attempt: 1 };
  record.attemptStarted({ ...key, region: "us-east-1", amiName: `base-hvm-${RUN}-a1` });
  record.attemptMade(key, { keyPair: "packer_1" });
  record.attemptMade(key, { securityGroup: "packer_2" });
  record.attemptMade(key, { instanceId: "i-1" });
  record.interrupted("SIGINT");
  record.attemptState(key, "interrupted");
  expect(await record.close()).toBeUndefined();

  const written = await onDisk(scratch);
  expect(written).toMatchObject({
    runId: RUN,
    process: { pid: process.pid },
    interrupts: [{ signal: "SIGINT" }],
    attempts: [
      {
        ...key,
        region: "us-east-1",
        amiName: `base-hvm-${RUN}-a1`,
        state: "interrupted",
        keyPair: "packer_1",
        securityGroup: "packer_2",
        instanceId: "i-1",
      },
    ],
  });
  expect(written?.endedAt).toBeDefined();
  // Written by rename: no temporary file is left beside it.
  expect(await readdir(scratch)).toEqual(["attempts.json"]);
});

it("never runs two writes at once, and writes the last change once the one in progress ends", async () => {
  const writes: string[] = [];
  let running = 0;
  let overlapped = false;
  let release: () => void = () => {};
  const record = createRunRecorder({
    runDir: "/nowhere",
    runId: RUN,
    write: async (_file, text) => {
      running++;
      if (running > 1) overlapped = true;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      writes.push(text);
      running--;
    },
  });
  // The first write (the record's start) is in progress; these changes wait for it.
  for (let n = 1; n <= 5; n++)
    record.attemptStarted({ job: `j${n}`, region: "r", attempt: 1, amiName: `n${n}` });
  release();
  await new Promise((resolve) => setImmediate(resolve));
  release();
  const closing = record.close();
  await new Promise((resolve) => setImmediate(resolve));
  release();
  await closing;
  expect(overlapped).toBe(false);
  // The start, then one write with all five attempts, then the end: nothing lost, nothing repeated.
  expect(writes).toHaveLength(3);
  expect((JSON.parse(writes[1] as string) as RunRecord).attempts).toHaveLength(5);
  expect((JSON.parse(writes[2] as string) as RunRecord).endedAt).toBeDefined();
});

it("keeps the run going when the record cannot be written, and says why at the end", async () => {
  const record = createRunRecorder({
    runDir: "/nowhere",
    runId: RUN,
    write: async () => {
      throw new Error("disk full");
    },
  });
  record.interrupted("SIGTERM");
  expect(await record.close()).toBe("disk full");
});
