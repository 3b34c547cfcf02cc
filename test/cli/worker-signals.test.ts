// The worker hears interrupts from its supervisor, from signals sent to it, and from losing its
// supervisor, each press once, and stops at once only while nothing has started.
import { EventEmitter } from "node:events";
import { expect, it } from "vitest";
import { watchWorkerSignals } from "../../src/cli/worker-signals.ts";

function fakeProcess() {
  const proc = Object.assign(new EventEmitter(), {
    connected: true,
    disconnect() {
      proc.connected = false;
    },
  });
  return proc;
}

function heard(signals: EventEmitter): string[] {
  const seen: string[] = [];
  for (const name of ["SIGINT", "SIGTERM", "SIGHUP"]) signals.on(name, () => seen.push(name));
  return seen;
}

it("passes on the supervisor's relays, its own signals and the supervisor's loss, once per press", () => {
  const proc = fakeProcess();
  let now = 10_000;
  const unheard: string[] = [];
  const { signals, close } = watchWorkerSignals({
    proc,
    now: () => now,
    onUnheard: (s) => unheard.push(s),
  });
  const seen = heard(signals);
  proc.emit("message", { type: "ami-matrix:interrupt", signal: "SIGINT", at: 10_000 });
  proc.emit("message", { type: "ami-matrix:interrupt", signal: "SIGINT", at: 10_030 });
  now = 11_000;
  proc.emit("SIGTERM");
  now = 12_000;
  proc.emit("disconnect");
  proc.emit("message", { type: "something else" });
  expect(seen).toEqual(["SIGINT", "SIGTERM", "SIGHUP"]);
  expect(unheard).toEqual([]);
  close();
  expect(proc.connected).toBe(false);
  expect(proc.listenerCount("SIGINT") + proc.listenerCount("message")).toBe(0);
});

it("stops at once while the run has not listened yet, and never after it has", () => {
  const proc = fakeProcess();
  let now = 0;
  const unheard: string[] = [];
  const { signals } = watchWorkerSignals({
    proc,
    now: () => now,
    onUnheard: (s) => unheard.push(s),
  });
  proc.emit("SIGINT");
  expect(unheard).toEqual(["SIGINT"]);
  const listener = () => {};
  signals.on("SIGINT", listener);
  signals.off("SIGINT", listener);
  now = 5_000;
  proc.emit("SIGHUP"); // the report is being written: the run goes on to the end
  expect(unheard).toEqual(["SIGINT"]);
});

it("hands a signal that comes between two listeners (planning done, builds not yet watched) to the next", async () => {
  const proc = fakeProcess();
  let now = 0;
  const { signals } = watchWorkerSignals({ proc, now: () => now, onUnheard: () => {} });
  const planning = () => {};
  signals.on("SIGINT", planning);
  signals.off("SIGINT", planning);
  proc.emit("SIGINT");
  now = 5_000;
  proc.emit("SIGTERM");
  const seen = heard(signals);
  await Promise.resolve();
  expect(seen).toEqual(["SIGINT", "SIGTERM"]);
  now = 10_000;
  proc.emit("SIGHUP");
  expect(seen).toEqual(["SIGINT", "SIGTERM", "SIGHUP"]);
});
