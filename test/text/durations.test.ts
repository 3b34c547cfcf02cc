import { describe, expect, it } from "vitest";
import { formatDuration, formatRemaining } from "../../src/text/durations.ts";

it.each([
  [0, "0.0s"],
  [400, "0.4s"],
  [12_345, "12.3s"],
  [59_940, "59.9s"],
  [59_960, "1m 00s"],
  [65_000, "1m 05s"],
  [65_400, "1m 05s"],
  [599_500, "10m 00s"],
  [3_723_000, "1h 02m 03s"],
  [-5, "0.0s"],
  [Number.NaN, "-"],
])("shows %d ms as %s", (ms, text) => {
  expect(formatDuration(ms, "tenths")).toBe(text);
});

describe("formatDuration, age", () => {
  it("shows an age at a useful precision", () => {
    expect(formatDuration(12_000, "age")).toBe("12s");
    expect(formatDuration(12 * 60_000, "age")).toBe("12m");
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000, "age")).toBe("3h 05m");
    expect(formatDuration(50 * 3_600_000, "age")).toBe("2d 2h");
  });
});

describe("formatDuration, clock", () => {
  it("ticks in whole seconds, never rounding up a second that has not passed", () => {
    expect(formatDuration(999, "clock")).toBe("0s");
    expect(formatDuration(42_900, "clock")).toBe("42s");
    expect(formatDuration(65_000, "clock")).toBe("1m 05s");
    expect(formatDuration(3_723_000, "clock")).toBe("1h 02m 03s");
  });

  it("announces a wait by what is left of it", () => {
    expect(formatRemaining(30_200)).toBe("31s");
    expect(formatRemaining(-1)).toBe("0s");
  });
});
