import { expect, it } from "vitest";
import { createLiveFrame } from "../../src/progress/live-frame.ts";
import { virtualTerminal } from "./virtual-terminal.ts";

function frameOn(size: { columns: number; rows: number }) {
  const terminal = virtualTerminal(size);
  let columns = size.columns;
  const frame = createLiveFrame({
    write: (text) => terminal.write(text),
    columns: () => columns,
    rows: () => size.rows,
  });
  return {
    terminal,
    frame,
    resize: (to: number) => {
      columns = to;
    },
  };
}

it("replaces its lines in place, clears the ones that went away, and keeps printed lines above", () => {
  const { terminal, frame } = frameOn({ columns: 40, rows: 10 });
  frame.update([
    { icon: "*", text: "a  1s  launching" },
    { icon: "*", text: "b  1s" },
    { text: "2 jobs" },
  ]);
  frame.update(
    [{ icon: "*", text: "a  2s  waiting for AMI" }, { text: "2 jobs, 1 done" }],
    [{ icon: "✔", text: "b  succeeded" }],
  );
  expect(terminal.text()).toBe(
    ["✔ b  succeeded", "* a  2s  waiting for AMI", "2 jobs, 1 done"].join("\n"),
  );
  frame.update([{ text: "2 jobs, 2 done" }]);
  expect(terminal.text()).toBe(["✔ b  succeeded", "2 jobs, 2 done"].join("\n"));
});

it("cuts lines short of the last column, tabs and escapes included, so none wraps", () => {
  const { terminal, frame } = frameOn({ columns: 20, rows: 10 });
  frame.update([
    { icon: "*", text: "job\tstep with \u001B[31mred\u001B[0m and more words" },
    { text: "全角文字がここに並んでいます" },
  ]);
  expect(terminal.screen()).toBe(["* job step with  […", "全角文字がここに並…"].join("\n"));
});

it("draws the frame again where it began when the terminal gets narrower", () => {
  const { terminal, frame, resize } = frameOn({ columns: 40, rows: 10 });
  frame.update([{ text: "first line" }, { text: "second line" }]);
  resize(30);
  frame.update([{ text: "first line" }, { text: "second line, changed" }]);
  expect(terminal.text()).toBe(["first line", "second line, changed"].join("\n"));
});
