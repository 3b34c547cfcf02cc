// The stand-in must behave like real Packer where the code under test depends on it.
import { once } from "node:events";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { execa, type ResultPromise } from "execa";
import { describe, expect, it } from "vitest";
import { recordedText } from "./support/recordings.ts";
import { prepareStandIn, standInPacker } from "./support/stand-in.ts";

const template = `variable "home" {
  type    = string
  default = "us-west-2"
}

source "amazon-ebs" "base-pv" {
  region      = var.home
  ami_regions = ["us-west-2", "eu-west-1"]
}
`;

async function withTemplate(scenario: unknown = {}) {
  const standIn = await prepareStandIn(scenario);
  const file = join(standIn.dir, "base-pv.pkr.hcl");
  await writeFile(file, template);
  return { ...standIn, file };
}

// Signal handlers are in place once the build prints; before that a signal would hit Node's defaults.
async function firstOutput(subprocess: ResultPromise): Promise<void> {
  await once(subprocess.stdout ?? expect.fail("no stdout"), "data");
}

describe("stand-in packer", () => {
  it("answers `packer init` like real 1.6.6, and succeeds from 1.7 on", async () => {
    const { env, file } = await withTemplate();
    const old = await execa(standInPacker, ["init", file], { env, reject: false });
    expect(old.exitCode).toBe(127);
    expect(`${old.stdout}\n`).toBe(recordedText("init-1.6.6"));
    const newer = await execa(standInPacker, ["init", file], {
      env: { ...env, FAKE_PACKER_VERSION: "1.9.4" },
      reject: false,
    });
    expect(newer.exitCode).toBe(0);
  });

  it("fails validation only when the scenario says so", async () => {
    const { env, file } = await withTemplate({ jobs: { "base-pv": { validate: "error" } } });
    const failed = await execa(standInPacker, ["validate", file], { env, reject: false });
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toContain("on base-pv.pkr.hcl line 5:");
    const other = await withTemplate();
    expect(
      (await execa(standInPacker, ["validate", other.file], { env: other.env })).exitCode,
    ).toBe(0);
  });

  it("builds in the regions the template resolves, counting attempts per job", async () => {
    const { env, file, calls, state } = await withTemplate({
      jobs: { "base-pv": { outcomes: ["capacity", "success"] } },
    });
    const args = [
      "build",
      "-machine-readable",
      "-color=false",
      "-var",
      "home=ap-northeast-1",
      file,
    ];
    const first = await execa(standInPacker, args, { env, reject: false });
    expect(first.exitCode).toBe(1);
    expect(first.stdout).toContain("InsufficientInstanceCapacity");
    const secondRun = execa(standInPacker, args, { env });
    const second = await secondRun;
    expect(second.stdout).toMatch(
      /,amazon-ebs\.base-pv,artifact,0,id,ap-northeast-1:ami-[0-9a-f]{17}%!\(PACKER_COMMA\)eu-west-1:ami-[0-9a-f]{17}%!\(PACKER_COMMA\)us-west-2:ami-[0-9a-f]{17}\n/,
    );
    expect((await calls()).map((c) => c.argv)).toEqual([args, args]);
    expect(existsSync(join(state, `started-${secondRun.pid}`))).toBe(true);
  });

  it("ignores SIGINT sent to its pid alone, like Packer's wrapper", async () => {
    const { env, file } = await withTemplate({ default: { durationMs: 600 } });
    const build = execa(standInPacker, ["build", "-machine-readable", file], {
      env,
      reject: false,
    });
    await firstOutput(build);
    build.kill("SIGINT");
    const result = await build;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("AMIs were created");
  });

  it("cancels once on SIGTERM and ignores a second signal during cleanup", async () => {
    const { env, file, state } = await withTemplate({
      default: { durationMs: 20_000, cleanupMs: 400 },
    });
    const build = execa(standInPacker, ["build", "-machine-readable", file], {
      env,
      reject: false,
    });
    await firstOutput(build);
    build.kill("SIGTERM");
    await delay(150);
    build.kill("SIGTERM");
    const result = await build;
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("Cleanly cancelled builds after being interrupted.");
    expect(existsSync(join(state, `cleaned-${build.pid}`))).toBe(true);
  });
});
