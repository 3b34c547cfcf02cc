// One writer per AMI list: the lock file, its holder named, stale locks taken over, waiting for it.
import { EventEmitter } from "node:events";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { describe, expect, it, vi } from "vitest";
import { LockWaitStopped, lockAmiList } from "../../src/ami-list/lock.ts";
import { takeOver } from "../../src/ami-list/lock-file.ts";
import { LOCK_FILE } from "../../src/ami-list/lock-owner.ts";
import { scanCells } from "../../src/ami-list/scan-cells.ts";
import { UserError } from "../../src/errors.ts";
import { makeTempDir } from "../support/temp-dir.ts";

function options(
  dir: string,
  runId: string,
  more: Partial<Parameters<typeof lockAmiList>[0]> = {},
) {
  const notices: string[] = [];
  return {
    notices,
    options: {
      dir,
      runId,
      wait: false,
      signals: new EventEmitter(),
      notice: (line: string) => notices.push(line),
      ...more,
    },
  };
}

// The pid of a process that has ended: nothing alive has it (until the system reuses it).
async function deadPid(): Promise<number> {
  const child = await execa(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout);
}

async function writeLock(dir: string, owner: Record<string, unknown>): Promise<void> {
  await writeFile(path.join(dir, LOCK_FILE), JSON.stringify(owner));
}

describe("lockAmiList", () => {
  it("holds a lock file naming the run, pid and host, and removes it on release", async () => {
    const dir = await makeTempDir();
    const lock = await lockAmiList(options(dir, "20261130T000000Z-aaaa").options);
    const owner = JSON.parse(await readFile(path.join(dir, LOCK_FILE), "utf8"));
    expect(owner).toMatchObject({
      runId: "20261130T000000Z-aaaa",
      pid: process.pid,
      host: hostname(),
    });
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it("stops a second run, naming the one that holds the list and what to do", async () => {
    const dir = await makeTempDir();
    const first = await lockAmiList(options(dir, "20261130T000000Z-aaaa").options);
    const error = await lockAmiList(options(dir, "20261130T000000Z-bbbb").options).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(
      `is in use by run 20261130T000000Z-aaaa (pid ${process.pid} on this host`,
    );
    expect(error.message).toContain("--wait-for-lock");
    // The refused run left the first one's lock alone.
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE), "utf8")).runId).toBe(
      "20261130T000000Z-aaaa",
    );
    await first.release();
  });

  it("takes over the lock of a process that is gone, and says so", async () => {
    const dir = await makeTempDir();
    const pid = await deadPid();
    await writeLock(dir, {
      runId: "20261129T000000Z-dead",
      pid,
      host: hostname(),
      startedAt: new Date().toISOString(),
    });
    const { options: opts, notices } = options(dir, "20261130T000000Z-aaaa");
    const lock = await lockAmiList(opts);
    expect(notices).toEqual([
      expect.stringContaining(
        `Took over the lock of the AMI list ${dir} from run 20261129T000000Z-dead (pid ${pid} on this host`,
      ),
    ]);
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE), "utf8")).runId).toBe(
      "20261130T000000Z-aaaa",
    );
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it("never removes a live lock that replaced the stale one it meant to take over", async () => {
    const dir = await makeTempDir();
    const live = {
      runId: "20261130T000000Z-live",
      pid: process.pid,
      host: hostname(),
      startedAt: "2026-11-30T00:00:00.000Z",
    };
    await writeLock(dir, live);
    const stale = { ...live, runId: "20261129T000000Z-dead", pid: await deadPid() };
    expect(await takeOver(path.join(dir, LOCK_FILE), stale)).toBe(false);
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE), "utf8"))).toEqual(live);
    expect(await readdir(dir)).toEqual([LOCK_FILE]);
  });

  it("does not guess about a lock from another host: it names the host and the file to remove", async () => {
    const dir = await makeTempDir();
    await writeLock(dir, {
      runId: "20261130T000000Z-ci01",
      pid: 4242,
      host: "ci-runner-7",
      startedAt: new Date().toISOString(),
    });
    const error = await lockAmiList(options(dir, "20261130T000000Z-aaaa").options).catch((e) => e);
    expect(error.message).toContain("run 20261130T000000Z-ci01 (pid 4242 on host ci-runner-7");
    expect(error.message).toContain(`remove ${path.join(dir, LOCK_FILE)}`);
  });

  it("refuses a lock file it did not write, saying how to clear it", async () => {
    const dir = await makeTempDir();
    await writeFile(path.join(dir, LOCK_FILE), "locked by hand\n");
    const error = await lockAmiList(options(dir, "20261130T000000Z-aaaa").options).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain("is not a lock that ami-matrix wrote");
  });

  it("with wait, says what it waits for and takes the lock once it is released", async () => {
    const dir = await makeTempDir();
    const first = await lockAmiList(options(dir, "20261130T000000Z-aaaa").options);
    const { options: opts, notices } = options(dir, "20261130T000000Z-bbbb", { wait: true });
    const second = lockAmiList(opts);
    await vi.waitFor(() => expect(notices).toHaveLength(1));
    expect(notices[0]).toContain("Waiting for run 20261130T000000Z-aaaa");
    expect(notices[0]).toContain("Ctrl-C stops waiting");
    await first.release();
    const lock = await second;
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE), "utf8")).runId).toBe(
      "20261130T000000Z-bbbb",
    );
    await lock.release();
  });

  it("with wait, takes over when the holder dies without releasing", async () => {
    const dir = await makeTempDir();
    const child = execa(process.execPath, ["-e", "setInterval(() => {}, 1000)"]);
    await writeLock(dir, {
      runId: "20261130T000000Z-kill",
      pid: child.pid,
      host: hostname(),
      startedAt: new Date().toISOString(),
    });
    const { options: opts, notices } = options(dir, "20261130T000000Z-bbbb", {
      wait: true,
      recheckMs: 50,
    });
    const waiting = lockAmiList(opts);
    await vi.waitFor(() => expect(notices).toHaveLength(1));
    child.kill("SIGKILL");
    await child.catch(() => {});
    const lock = await waiting;
    expect(notices[1]).toContain("Took over the lock");
    await lock.release();
  });

  it("stops waiting on Ctrl-C with exit 130, leaving the holder's lock", async () => {
    const dir = await makeTempDir();
    const first = await lockAmiList(options(dir, "20261130T000000Z-aaaa").options);
    const signals = new EventEmitter();
    const { options: opts, notices } = options(dir, "20261130T000000Z-bbbb", {
      wait: true,
      signals,
    });
    const waiting = lockAmiList(opts).catch((e) => e);
    await vi.waitFor(() => expect(notices).toHaveLength(1));
    signals.emit("SIGINT");
    const error = await waiting;
    expect(error).toBeInstanceOf(LockWaitStopped);
    expect(error.exitCode).toBe(130);
    expect(error.message).toContain("stopped waiting for run 20261130T000000Z-aaaa");
    expect(signals.listenerCount("SIGINT")).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE), "utf8")).runId).toBe(
      "20261130T000000Z-aaaa",
    );
    await first.release();
  });

  it("is never a cell of the AMI list", async () => {
    const dir = await makeTempDir();
    const lock = await lockAmiList(options(dir, "20261130T000000Z-aaaa").options);
    await writeFile(path.join(dir, ".gitignore"), ".ami-matrix.lock\n");
    expect(await scanCells(dir)).toEqual({ cells: {}, unreadable: [] });
    await lock.release();
  });

  it("is ignored by git in the project's AMI list, so it cannot be committed", async () => {
    const project = path.join(import.meta.dirname, "..", "..");
    const ignored = await execa("git", ["check-ignore", "--no-index", `ami-list/${LOCK_FILE}`], {
      cwd: project,
      reject: false,
    });
    expect(ignored.exitCode).toBe(0);
    const cell = await execa("git", ["check-ignore", "--no-index", "ami-list/base/us-east-1/hvm"], {
      cwd: project,
      reject: false,
    });
    expect(cell.exitCode).toBe(1);
  });
});
