// runPacker against the stand-in (test/fixtures/bin/packer), which replays real Packer output and
// behaves like Packer's process tree and signal handling.
import { existsSync } from "node:fs";
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BuildEvent } from "../../src/packer/build-events.ts";
import { classifyFailure } from "../../src/packer/classify-failure.ts";
import { PackerStartError } from "../../src/packer/errors.ts";
import { type RunPackerOptions, runPacker } from "../../src/packer/run-packer.ts";
import { livingGroupMembers } from "./support/process-group.ts";
import { prepareStandIn, type StandIn, standInPacker } from "./support/stand-in.ts";

const template = `source "amazon-ebs" "spark-hvm" {
  region      = "us-east-1"
  ami_regions = ["eu-west-1", "sa-east-1"]
  ami_name    = "spark-hvm-test"
}
`;

async function start(standIn: StandIn, options: Partial<RunPackerOptions> = {}) {
  const file = join(standIn.dir, "spark-hvm.pkr.hcl");
  await writeFile(file, template);
  const events: BuildEvent[] = [];
  const logFile = join(standIn.dir, "logs", "spark", "hvm", "attempt-1.log");
  const run = runPacker({
    packerPath: standInPacker,
    args: ["build", "-machine-readable", "-color=false", file],
    cwd: standIn.dir,
    env: standIn.env,
    logFile,
    onEvent: (event) => events.push(event),
    ...options,
  });
  const firstStep = new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (events.some((e) => e.kind === "step")) resolve(clearInterval(poll));
    }, 10);
  });
  return { run, events, logFile, firstStep };
}

describe("runPacker with the stand-in", () => {
  it("reports the AMIs of every region, the steps as they happen, and logs the output", async () => {
    const standIn = await prepareStandIn();
    const { run, events, logFile } = await start(standIn);
    const result = await run.result;

    expect(result).toMatchObject({
      exitCode: 0,
      errors: [],
      lastStep: "Deleting temporary keypair...",
    });
    expect(Object.keys(result.amis).sort()).toEqual(["eu-west-1", "sa-east-1", "us-east-1"]);
    expect(Object.values(result.amis).every((ami) => /^ami-[0-9a-f]{17}$/.test(ami))).toBe(true);
    expect(events).toContainEqual({
      kind: "step",
      build: "amazon-ebs.spark-hvm",
      text: "Creating AMI spark-hvm-test from instance i-00000000000abc008",
    });
    const log = await readFile(logFile, "utf8");
    expect(log).toContain(",ui,say,==> amazon-ebs.spark-hvm: Launching a source AWS instance...\n");
    expect(log).toContain(`us-east-1:${result.amis["us-east-1"]}`);
  });

  it("reports a throttled attempt's error, then the next attempt succeeds", async () => {
    const standIn = await prepareStandIn({
      jobs: { "spark-hvm": { outcomes: ["throttled", "success"] } },
    });
    const first = await (await start(standIn)).run.result;
    // Packer 1.6.6 announces the tags (sent with RunInstances) after "Launching a source AWS instance...".
    expect(first).toMatchObject({
      exitCode: 1,
      amis: {},
      lastStep: "Adding tags to source instance",
    });
    expect(classifyFailure(first.errors)).toMatchObject({ kind: "transient", rule: "throttling" });

    const second = await (await start(standIn)).run.result;
    expect(second.exitCode).toBe(0);
    expect(await standIn.calls()).toHaveLength(2);
  });

  it("interrupt() lets Packer clean up, then resolves with exit code 1 and nothing left running", async () => {
    const standIn = await prepareStandIn({ default: { durationMs: 20_000, cleanupMs: 300 } });
    const { run, firstStep, logFile, events } = await start(standIn);
    await firstStep;
    const asked = Date.now();
    run.interrupt();
    run.interrupt();
    const result = await run.result;

    expect(Date.now() - asked).toBeLessThan(5000);
    expect(result).toMatchObject({ exitCode: 1, amis: {} });
    expect(result.errors).toContain("Cancelling build after receiving interrupt");
    const cancelled = events.findIndex((e) => e.kind === "ui-error");
    const stepsBefore = events.slice(0, cancelled).filter((e) => e.kind === "step");
    expect(stepsBefore.length).toBeGreaterThan(0);
    expect(result.lastStep).toBe(stepsBefore.at(-1)?.text);
    expect(await readFile(logFile, "utf8")).toContain("Terminating the source AWS instance...");
    expect(existsSync(join(standIn.state, `cleaned-${run.pid}`))).toBe(true);
    expect(livingGroupMembers(run.pid ?? 0)).toEqual([]);
  });

  it("kill() stops Packer at once, without its cleanup", async () => {
    const standIn = await prepareStandIn({ default: { durationMs: 20_000 } });
    const { run, firstStep } = await start(standIn);
    await firstStep;
    run.kill();
    const result = await run.result;

    expect(result).toMatchObject({ exitCode: null, signal: "SIGKILL" });
    expect(existsSync(join(standIn.state, `cleaned-${run.pid}`))).toBe(false);
    expect(livingGroupMembers(run.pid ?? 0)).toEqual([]);
  });

  it("streams a large output to the log without keeping it", async () => {
    const standIn = await prepareStandIn({ default: { outputBytes: 50_000_000 } });
    const before = process.memoryUsage().rss;
    const { run, events, logFile } = await start(standIn, { onEvent: () => {} });
    const result = await run.result;

    expect(result.exitCode).toBe(0);
    expect(Object.keys(result.amis)).toHaveLength(3);
    expect(events).toEqual([]);
    expect((await stat(logFile)).size).toBeGreaterThan(50_000_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(40_000_000);
  });

  it("masks secrets in the log, the events and the errors", async () => {
    const standIn = await prepareStandIn({ default: { outcomes: ["auth-error"] } });
    const { run, events, logFile } = await start(standIn, { secrets: ["validate the provided"] });
    const result = await run.result;

    const everything = [await readFile(logFile, "utf8"), JSON.stringify(events), ...result.errors];
    expect(everything.join("\n")).not.toContain("validate the provided");
    expect(result.errors.join("\n")).toContain(
      "AuthFailure: AWS was not able to *** access credentials",
    );
  });

  it("rejects with an error naming the binary when Packer cannot be started", async () => {
    const standIn = await prepareStandIn();
    const run = runPacker({
      packerPath: join(standIn.dir, "no-such-packer"),
      args: ["build"],
      cwd: standIn.dir,
      logFile: join(standIn.dir, "x.log"),
    });
    const error = await run.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackerStartError);
    expect((error as Error).message).toContain(join(standIn.dir, "no-such-packer"));
    expect((error as Error).cause).toBeDefined();
  });

  it("still runs Packer to the end when the log cannot be written", async () => {
    const standIn = await prepareStandIn();
    await writeFile(join(standIn.dir, "not-a-folder"), "");
    const { run } = await start(standIn, { logFile: join(standIn.dir, "not-a-folder", "a.log") });
    const result = await run.result;
    expect(result.exitCode).toBe(0);
    expect(Object.keys(result.amis)).toHaveLength(3);
    expect(result.logError).toContain("not-a-folder");
  });

  it("rejects after Packer exits when the event listener throws", async () => {
    const standIn = await prepareStandIn();
    const { run } = await start(standIn, {
      onEvent: () => {
        throw new Error("display broke");
      },
    });
    await expect(run.result).rejects.toThrow("display broke");
    expect(livingGroupMembers(run.pid ?? 0)).toEqual([]);
  });
});
