// --older-than decides what sweep deletes: it reads only what it cannot misread.
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { parseOlderThan } from "../../src/sweep/sweep-duration.ts";

describe("parseOlderThan", () => {
  it("reads a whole number with one unit, and a bare 0", () => {
    expect(parseOlderThan("0")).toBe(0);
    expect(parseOlderThan("45s")).toBe(45_000);
    expect(parseOlderThan("30m")).toBe(1_800_000);
    expect(parseOlderThan("2h")).toBe(7_200_000);
    expect(parseOlderThan("1d")).toBe(86_400_000);
    expect(parseOlderThan("0h")).toBe(0);
  });

  it("refuses anything else as a usage error that shows the expected form", () => {
    for (const text of ["", "2", "2 h", " 2h", "1.5h", "-1h", "2H", "2hours", "1h30m", "1w", "h"]) {
      expect(() => parseOlderThan(text), text).toThrow(UserError);
      expect(() => parseOlderThan(text), text).toThrow(/such as 30m, 2h or 1d, or 0/);
    }
  });
});
