// The supervisor watches the processes the user's shell waits for: the tsx CLI, and npx with its
// shell when npx started it. A user's shell is not one of them, and a pid taken over by another
// process counts as gone.
import { expect, it } from "vitest";
import {
  chainBroken,
  launchChain,
  type ProcessView,
  type ReadProcess,
} from "../../src/cli/launch-chain.ts";

const BASH = { ppid: 1, args: ["bash", "--login"], startTicks: 10 };
const NPX = { ppid: 100, args: ["npm exec tsx build-amis.ts --local"], startTicks: 20 };
const NPX_SHELL = {
  ppid: 200,
  args: ["sh", "-c", "tsx", "build-amis.ts", "--local"],
  startTicks: 21,
};
const TSX_CLI = {
  ppid: 300,
  args: ["node", "/p/node_modules/.bin/tsx", "build-amis.ts", "--local"],
  startTicks: 22,
};

function processes(table: Record<number, ProcessView>): ReadProcess {
  return (pid) => table[pid];
}

it("through npx: the tsx CLI, npx's shell and npx, but not the user's shell", () => {
  const read = processes({ 100: BASH, 200: NPX, 300: NPX_SHELL, 400: TSX_CLI });
  expect(launchChain(400, read)).toEqual([
    { pid: 400, startTicks: 22 },
    { pid: 300, startTicks: 21 },
    { pid: 200, startTicks: 20 },
  ]);
});

it("through the tsx CLI from a shell, or from a script's sh -c: the tsx CLI alone", () => {
  const fromShell = processes({ 100: BASH, 400: { ...TSX_CLI, ppid: 100 } });
  expect(launchChain(400, fromShell)).toEqual([{ pid: 400, startTicks: 22 }]);
  const script = { ...NPX_SHELL, ppid: 100 };
  const fromScript = processes({ 100: BASH, 300: script, 400: TSX_CLI });
  expect(launchChain(400, fromScript)).toEqual([{ pid: 400, startTicks: 22 }]);
  expect(launchChain(400, processes({}))).toEqual([]);
});

it("is broken once a member is gone or its pid belongs to another process", () => {
  const table: Record<number, ProcessView> = { 100: BASH, 200: NPX, 300: NPX_SHELL, 400: TSX_CLI };
  const chain = launchChain(400, processes(table));
  expect(chainBroken(chain, processes(table))).toBe(false);
  // SIGTERM to npx: its shell dies, npx exits; the tsx CLI lives on under init.
  const afterSigterm = { 100: BASH, 400: { ...TSX_CLI, ppid: 1 } };
  expect(chainBroken(chain, processes(afterSigterm))).toBe(true);
  expect(chainBroken(chain, processes({ ...table, 300: { ...NPX_SHELL, startTicks: 99 } }))).toBe(
    true,
  );
});
