// Copies of one Ctrl-C (terminal, npx, tsx's relay) count once; a person's next press counts again.
import { expect, it } from "vitest";
import { createSignalWindow, SIGNAL_WINDOW_MS } from "../../src/cli/signal-window.ts";

it("counts a signal, drops copies within the window, and counts the next press after it", () => {
  const counts = createSignalWindow();
  expect(counts(1000)).toBe(true);
  expect(counts(1030)).toBe(false); // tsx relays after 30 ms
  expect(counts(1400)).toBe(false);
  expect(counts(1000 + SIGNAL_WINDOW_MS)).toBe(true);
});

it("takes a copy stamped before the press it copies as a copy", () => {
  const counts = createSignalWindow(500);
  expect(counts(2000)).toBe(true);
  expect(counts(1990)).toBe(false);
  expect(counts(2600)).toBe(true);
});
