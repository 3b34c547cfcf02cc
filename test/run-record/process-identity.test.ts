// sweep --run refuses while a run's process lives: a live pid, a dead one, a reused one, another host.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { expect, it } from "vitest";
import { identify, liveness } from "../../src/run-record/process-identity.ts";

it("tells a running process from one that ended and from a pid taken by another process", async () => {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"]);
  const identity = identify(child.pid as number);
  expect(liveness(identity)).toBe("alive");
  expect(liveness(identify(process.pid))).toBe("alive");
  // Another process under the same pid started at another time.
  if (identity.startTicks !== undefined)
    expect(liveness({ ...identity, startTicks: identity.startTicks - 1 })).toBe("gone");
  child.kill("SIGKILL");
  await once(child, "exit");
  expect(liveness(identity)).toBe("gone");
});

it("cannot check a process on another host", () => {
  expect(liveness({ ...identify(process.pid), host: "some-other-host" })).toBe("elsewhere");
});
