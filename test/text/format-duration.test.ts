import { expect, it } from "vitest";
import { formatDuration } from "../../src/text/format-duration.ts";

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
  expect(formatDuration(ms)).toBe(text);
});
